"""Login, registration and reset requests are rate-limited per client address."""

import socket
import uuid

import pytest

from tests.accounts.conftest import registration


def _client(application, address="203.0.113.7"):
    client = application.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_too_many_logins_get_the_translated_429_page(make_app):
    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="2 per minute")
    with application.app_context():
        client = _client(application)
        data = {"email": "nobody@example.org", "password": "wrong password!"}
        assert client.post("/login", data=data).status_code == 200
        assert client.post("/login", data=data).status_code == 200
        blocked = client.post("/login?lang=ar", data=data)
        assert blocked.status_code == 429
        assert 'dir="rtl"' in blocked.get_data(as_text=True)
        assert "Retry-After" in blocked.headers
        # Reading the page is not limited, and another address is not affected.
        assert client.get("/login").status_code == 200
        assert _client(application, "198.51.100.9").post("/login", data=data).status_code == 200


def test_limits_are_read_from_the_configuration_at_request_time(make_app):
    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="1 per minute")
    with application.app_context():
        client = _client(application)
        data = {"email": "nobody@example.org", "password": "wrong password!"}
        client.post("/login", data=data)
        assert client.post("/login", data=data).status_code == 429
        application.config["RATELIMIT_LOGIN"] = "5 per minute"
        assert client.post("/login", data=data).status_code == 200


def test_too_many_registrations_are_refused_and_create_nothing(make_app):
    from app.accounts.models import User
    from app.extensions import db

    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_REGISTER="1 per minute")
    with application.app_context():
        client = _client(application)
        assert client.post("/register", data=registration(email="one@example.org")).status_code == 302
        response = client.post("/register?lang=en", data=registration(email="two@example.org"))
        assert response.status_code == 429
        assert "Too many requests" in response.get_data(as_text=True)
        db.session.expire_all()
        assert [u.email for u in db.session.execute(db.select(User)).scalars()] == ["one@example.org"]


def test_reset_requests_are_limited(make_app):
    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_RESET="1 per minute")
    with application.app_context():
        client = _client(application)
        assert client.post("/reset", data={"email": "a@example.org"}).status_code == 302
        assert client.post("/reset", data={"email": "b@example.org"}).status_code == 429


def _redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
def test_limits_hold_in_redis_across_app_instances(make_app):
    # Two app instances sharing Redis behave like two gunicorn workers.
    settings = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
        "RATELIMIT_LOGIN": "2 per minute",
    }
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    data = {"email": "nobody@example.org", "password": "wrong password!"}
    first = make_app(**settings)
    with first.app_context():
        assert _client(first, address).post("/login", data=data).status_code == 200
        assert _client(first, address).post("/login", data=data).status_code == 200
    second = make_app(**settings)
    with second.app_context():
        assert _client(second, address).post("/login", data=data).status_code == 429


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(make_app):
    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN="1 per minute", TRUSTED_PROXIES=1)
    with application.app_context():
        proxy = _client(application, "10.0.0.2")
        data = {"email": "nobody@example.org", "password": "wrong password!"}

        def post_from(visitor):
            return proxy.post("/login", data=data, headers={"X-Forwarded-For": visitor}).status_code

        assert post_from("203.0.113.10") == 200
        assert post_from("203.0.113.10") == 429
        assert post_from("203.0.113.11") == 200
