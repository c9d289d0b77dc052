"""Signing in and out, remember-me and the session cookie's flags."""

from app import create_app
from app.config import ProductionConfig
from tests.factories import PASSWORD, make_user

PRODUCTION_SECRET = "Xk2v9Qw7Lm4Zp8Rt1Ny6Bc3Hd5Jf0Gs-"  # noqa: S105 (tests only)


def _signed_in(client):
    return "Sign out" in client.get("/?lang=en").get_data(as_text=True)


def test_login_with_good_credentials_signs_in_and_uses_the_profile_language(client, db):
    make_user(email="salma@example.org", language="ar")
    db.session.commit()
    response = client.post("/login", data={"email": "Salma@example.org ", "password": PASSWORD})
    assert response.status_code == 302
    assert 'dir="rtl"' in client.get("/").get_data(as_text=True)


def test_login_errors_do_not_say_which_part_was_wrong(client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    wrong_password = client.post(
        "/login?lang=en", data={"email": "salma@example.org", "password": "nope nope nope"}
    )
    unknown_email = client.post("/login?lang=en", data={"email": "nobody@example.org", "password": PASSWORD})
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert "Email or password is incorrect." in response.get_data(as_text=True)
    assert not _signed_in(client)


def test_login_redirects_to_a_local_next_page_only(client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    data = {"email": "salma@example.org", "password": PASSWORD}
    assert client.post("/login?next=/account", data=data).headers["Location"] == "/account"
    client.post("/logout")
    assert client.post("/login?next=https://evil.example/", data=data).headers["Location"] == "/"


def test_logout_is_a_post_and_signs_out(client, auth):
    auth.login()
    assert client.get("/logout").status_code == 405
    assert _signed_in(client)
    client.post("/logout")
    assert not _signed_in(client)


def test_remember_me_keeps_the_user_signed_in_after_the_session_ends(client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    client.post("/login", data={"email": "salma@example.org", "password": PASSWORD, "remember": "y"})
    cookie = client.get_cookie("remember_token", domain="agora.test")
    assert cookie is not None and cookie.http_only
    client.delete_cookie("session", domain="agora.test")
    assert _signed_in(client)


def test_without_remember_me_closing_the_browser_signs_out(client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    client.post("/login", data={"email": "salma@example.org", "password": PASSWORD})
    assert client.get_cookie("remember_token", domain="agora.test") is None
    client.delete_cookie("session", domain="agora.test")
    assert not _signed_in(client)


def test_session_cookie_is_httponly_and_samesite_lax(client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    response = client.post(
        "/login", data={"email": "salma@example.org", "password": PASSWORD, "remember": "y"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure_httponly_and_samesite_lax(app_config):
    production = create_app(
        type(
            "Production",
            (ProductionConfig,),
            {
                "SQLALCHEMY_DATABASE_URI": app_config.SQLALCHEMY_DATABASE_URI,
                "INSTANCE_DIR": app_config.INSTANCE_DIR,
                "OUTBOX_DIR": app_config.OUTBOX_DIR,
                "SECRET_KEY": PRODUCTION_SECRET,
                "PUBLIC_URL": "https://agora.test",
                "RATELIMIT_ENABLED": False,
            },
        )
    )
    with production.app_context():
        response = production.test_client().get("/?lang=en", base_url="https://agora.test")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_known_and_unknown_emails_cost_one_password_check_each(client, db, monkeypatch):
    from argon2 import PasswordHasher

    make_user(email="salma@example.org")
    db.session.commit()
    calls = []
    for name in ("hash", "verify"):
        original = getattr(PasswordHasher, name)
        monkeypatch.setattr(
            PasswordHasher,
            name,
            lambda self, *args, _name=name, _original=original: calls.append(_name) or _original(self, *args),
        )

    def work(email):
        calls.clear()
        response = client.post("/login", data={"email": email, "password": "not the password"})
        assert response.status_code == 200
        return list(calls)

    work("nobody@example.org")  # the first unknown address makes the dummy hash, once per process
    assert work("salma@example.org") == ["verify"]
    assert work("nobody@example.org") == ["verify"]
    assert work("someone.else@example.org") == ["verify"]
