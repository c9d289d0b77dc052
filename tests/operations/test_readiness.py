"""`/readyz` for load balancers: ready when every part answers, 503 naming the one that does not."""

import pytest
from huey import RedisHuey

from app.extensions import db


def test_ready_when_the_database_and_the_queue_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ready", "checks": {"database": "ok", "queue": "ok"}, "failing": []}


def test_an_unreachable_database_is_named(client, monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionRefusedError("database down")

    monkeypatch.setattr(db.session, "execute", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["failing"] == ["database"]
    assert response.json["checks"]["queue"] == "ok"


def test_an_unreachable_queue_is_named(app, client, monkeypatch):
    def refused():
        raise ConnectionRefusedError("queue down")

    monkeypatch.setattr(app.extensions["jobs"].huey, "pending_count", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["failing"] == ["queue"]


@pytest.mark.parametrize("redis_up", [True, False])
def test_redis_is_checked_when_configured(app, client, redis_up):
    url = "redis://127.0.0.1:6379/9" if redis_up else "redis://127.0.0.1:1/0"
    app.config["HUEY_URL"] = url
    app.extensions["jobs"].huey = RedisHuey("agora-test", url=url)
    try:
        ready = _redis_answers()
    except Exception:
        ready = False
    if redis_up and not ready:
        pytest.skip("needs a Redis server on 127.0.0.1:6379")
    response = client.get("/readyz")
    if redis_up:
        assert response.status_code == 200 and response.json["checks"]["redis"] == "ok"
    else:
        assert response.status_code == 503
        assert response.json["failing"] == ["queue", "redis"]


def _redis_answers():
    import redis

    return redis.Redis.from_url("redis://127.0.0.1:6379/9", socket_timeout=1).ping()


def test_healthz_stays_a_liveness_probe(client):
    assert client.get("/healthz").status_code == 200
