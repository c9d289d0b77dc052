"""Login, registration and reset requests are rate-limited per client address."""

import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.accounts.conftest import registration

ROOT = Path(__file__).resolve().parents[2]


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
        "RATELIMIT_KEY_PREFIX": f"agora-test-{uuid.uuid4().hex}",
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


def test_failed_logins_limited_per_account(make_app, db):
    from tests.factories import PASSWORD, make_user

    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN_ACCOUNT="3 per 15 minutes")
    with application.app_context():
        make_user(email="salma@example.org")
        db.session.commit()
        wrong = {"email": "salma@example.org", "password": "wrong password!"}
        # Three different client addresses: the per-address limit never applies.
        for n in range(3):
            assert _client(application, f"203.0.113.{n}").post("/login", data=wrong).status_code == 200
        blocked = _client(application, "198.51.100.9").post(
            "/login?lang=en", data={"email": " Salma@Example.org", "password": PASSWORD}
        )
        assert blocked.status_code == 429
        assert int(blocked.headers["Retry-After"]) > 60
        page = blocked.get_data(as_text=True)
        assert "Too many failed sign-ins for this address." in page
        assert 'href="/reset"' in page
        assert "Sign out" not in page
        # Another account is not affected, and the message is translated.
        other = _client(application, "198.51.100.9").post("/login", data={**wrong, "email": "x@example.org"})
        assert other.status_code == 200
        arabic = _client(application, "198.51.100.10").post("/login?lang=ar", data=wrong)
        assert arabic.status_code == 429 and 'dir="rtl"' in arabic.get_data(as_text=True)
        assert "Too many failed sign-ins" not in arabic.get_data(as_text=True)


def test_successful_logins_do_not_count_against_the_account(make_app, db):
    from tests.factories import PASSWORD, make_user

    application = make_app(RATELIMIT_ENABLED=True, RATELIMIT_LOGIN_ACCOUNT="2 per 15 minutes")
    with application.app_context():
        make_user(email="salma@example.org")
        db.session.commit()
        data = {"email": "salma@example.org", "password": PASSWORD}
        for n in range(4):
            assert _client(application, f"203.0.113.{n}").post("/login", data=data).status_code == 302


def test_limit_shared_between_two_apps(make_app, tmp_path):
    # Two app instances on one storage file behave like two gunicorn workers on one host.
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "", "RATELIMIT_LOGIN": "2 per minute"}
    data = {"email": "nobody@example.org", "password": "wrong password!"}
    first = make_app(**settings)
    with first.app_context():
        assert _client(first).post("/login", data=data).status_code == 200
    second = make_app(**settings)
    with second.app_context():
        assert _client(second).post("/login", data=data).status_code == 200
        assert _client(second).post("/login", data=data).status_code == 429
        assert _client(second, "198.51.100.9").post("/login", data=data).status_code == 200
    assert second.config["RATELIMIT_STORAGE_URI"] == f"sqlite:///{(tmp_path / 'ratelimits.sqlite').resolve()}"


def test_failed_logins_per_account_are_shared_between_two_apps(make_app, db):
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "", "RATELIMIT_LOGIN_ACCOUNT": "1/hour"}
    wrong = {"email": "salma@example.org", "password": "wrong password!"}
    first = make_app(**settings)
    with first.app_context():
        assert _client(first, "203.0.113.1").post("/login", data=wrong).status_code == 200
    second = make_app(**settings)
    with second.app_context():
        assert _client(second, "203.0.113.2").post("/login", data=wrong).status_code == 429


def test_the_default_storage_counts_across_processes(tmp_path):
    from app.core.ratelimits import SQLiteStorage, sqlite_uri

    uri = sqlite_uri(tmp_path / "limits.sqlite")
    script = (
        "import sys; from app.core.ratelimits import SQLiteStorage; "
        "print(SQLiteStorage(sys.argv[1]).incr('k', 60))"
    )
    outputs = [
        subprocess.run(  # noqa: S603 (our own interpreter)
            [sys.executable, "-c", script, uri], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert outputs == ["1", "2"]
    storage = SQLiteStorage(uri)
    assert storage.get("k") == 2 and storage.get_expiry("k") > 0
    storage.clear("k")
    assert storage.get("k") == 0
