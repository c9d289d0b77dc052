"""The public API is rate-limited per address."""

import pytest


@pytest.fixture
def app_config(app_config):
    return type("LimitedConfig", (app_config,), {"RATELIMIT_ENABLED": True, "RATELIMIT_API": "3 per minute"})


def test_each_address_is_rate_limited(client, db):
    statuses = [client.get("/api/v1/categories?lang=en").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    other = client.get("/api/v1/categories", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert other.status_code == 200
