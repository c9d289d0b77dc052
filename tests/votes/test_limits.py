"""Supports are rate-limited per resident and per address; limits are read at request time."""

import pytest

from app.votes.models import Vote
from tests.conftest import Auth
from tests.factories import make_idea, make_user

JSON = {"Accept": "application/json"}


@pytest.fixture
def app_config(app_config):
    return type(
        "LimitedConfig",
        (app_config,),
        {
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_VOTE_USER": "2 per minute",
            "RATELIMIT_VOTE_IP": "100 per minute",
        },
    )


def _signed_in_client(app, user):
    client = app.test_client()
    Auth(client).login_as(user)
    return client


def test_a_resident_over_the_limit_gets_429_with_a_translated_message(app, db):
    user = make_user(language="fr")
    ideas = [make_idea() for _ in range(3)]
    db.session.commit()
    client = _signed_in_client(app, user)
    assert client.post(f"/ideas/{ideas[0].id}/vote", headers=JSON).status_code == 200
    assert client.post(f"/ideas/{ideas[0].id}/unvote", headers=JSON).status_code == 200
    response = client.post(f"/ideas/{ideas[1].id}/vote", headers=JSON)
    assert response.status_code == 429
    assert response.json["error"] == "rate_limited"
    assert "trop" in response.json["message"]
    page = client.post(f"/ideas/{ideas[2].id}/vote")
    assert page.status_code == 429
    assert 'lang="fr"' in page.get_data(as_text=True)
    assert db.session.query(Vote).count() == 0


def test_the_resident_limit_follows_the_resident_across_addresses(app, db):
    user, idea = make_user(), make_idea()
    db.session.commit()
    client = _signed_in_client(app, user)
    for address in ("10.0.0.1", "10.0.0.2"):
        assert (
            client.post(f"/ideas/{idea.id}/vote", environ_overrides={"REMOTE_ADDR": address}).status_code
            == 303
        )
    third = client.post(f"/ideas/{idea.id}/vote", environ_overrides={"REMOTE_ADDR": "10.0.0.3"})
    assert third.status_code == 429


def test_one_address_is_limited_across_residents(app, db):
    app.config.update(RATELIMIT_VOTE_USER="100 per minute", RATELIMIT_VOTE_IP="2 per minute")
    idea = make_idea()
    users = [make_user() for _ in range(3)]
    db.session.commit()
    codes = [
        _signed_in_client(app, user).post(f"/ideas/{idea.id}/vote", headers=JSON).status_code
        for user in users
    ]
    assert codes == [200, 200, 429]
    db.session.expire_all()
    assert idea.support_count == 2


@pytest.mark.committing  # a second app, on its own connection
def test_limits_are_off_when_disabled_by_the_setting(app_config, db):
    from app import create_app
    from tests.conftest import IsolatedClient

    unlimited = create_app(type("Unlimited", (app_config,), {"RATELIMIT_ENABLED": False}))
    unlimited.test_client_class = IsolatedClient
    user, idea = make_user(), make_idea()
    db.session.commit()
    client = _signed_in_client(unlimited, user)
    codes = {client.post(f"/ideas/{idea.id}/vote", headers=JSON).status_code for _ in range(5)}
    assert codes == {200}
