"""Logs never hold passwords, link tokens, email addresses or session cookies: the main flows
run with every logger captured, and gunicorn's access log is written by its real logger."""

import logging
import re
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config as GunicornConfig

from app.accounts.models import User
from app.core.logscrub import scrub
from tests.factories import PASSWORD, make_category, make_idea, make_user

EMAIL, NEW_PASSWORD = "leila.logs@example.org", "a brand new passphrase 42"
ROOT = Path(__file__).resolve().parents[2]


def _secrets_in(text, secrets):
    return [secret for secret in secrets if secret and secret in text]


def test_main_flows_leave_no_secret_in_the_logs(app, client, db, outbox, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    idea = make_idea(author=make_user(), category=make_category())
    db.session.commit()
    # Every mail fails once: the worker logs the error, which names the address.
    from app.core import mail

    real_send, failures = mail.EmailMessage.send, []

    def flaky_send(message, *args, **kwargs):
        if not failures:
            failures.append(message.to)
            raise OSError(f"550 mailbox unavailable: {message.to[0]}")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", flaky_send)

    data = {"email": EMAIL, "display_name": "Leila", "password": PASSWORD, "confirm": PASSWORD}
    client.post("/register", data={**data, "language": "en", "accept_privacy": "y"})
    app.logger.info("Registered %s", EMAIL)  # even a careless line
    user = db.session.scalar(db.select(User).where(User.email == EMAIL))
    from app.accounts.services import reset_token, verification_token

    with app.test_request_context():
        verify, reset = verification_token(user), reset_token(user)
    client.get(f"/verify/{verify}")
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    cookie = next(c.value for c in client._cookies.values() if c.key == "session")
    client.post(f"/ideas/{idea.id}/vote")
    client.get("/account/export")
    client.post("/logout")
    client.post("/reset", data={"email": EMAIL})
    client.post(f"/reset/{reset}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    client.post("/login", data={"email": EMAIL, "password": NEW_PASSWORD})
    client.post("/account/delete/link")
    from app.privacy.services import deletion_token

    with app.test_request_context():
        delete = deletion_token(db.session.get(User, user.id))
    app.logger.warning("Opening /account/delete/%s?token=%s", delete, delete)
    client.post(f"/account/delete/{delete}", data={"ideas": "keep"})

    assert failures, "the failing mail was not tried"
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "[email]" in logged  # the lines were written, scrubbed
    assert _secrets_in(logged, [EMAIL, PASSWORD, NEW_PASSWORD, verify, reset, delete, cookie]) == []


def _gunicorn_logger():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = GunicornConfig()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", settings["access_log_format"])
    return settings["ScrubbingLogger"](cfg)


def test_gunicorn_access_log_has_no_address_query_token_or_cookie(caplog):
    logger = _gunicorn_logger()
    logger.access_log.addHandler(caplog.handler)  # gunicorn's logs do not propagate
    token = "eyJ1aWQiOjF9.Z1x2Yw.abcdefghijklmnopqrstuvwxyz0123"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/reset/{token}?token={token}",
        "PATH_INFO": f"/reset/{token}",
        "QUERY_STRING": f"token={token}&email=someone@example.org",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": f"https://agora.example/verify/{token}",
        "HTTP_COOKIE": "session=secret-cookie-value",
    }
    response = SimpleNamespace(status="200 OK", sent=120, headers=[])
    request = SimpleNamespace(headers=[("COOKIE", "session=secret-cookie-value")])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    (line,) = [r.getMessage() for r in caplog.records if r.name == "gunicorn.access"]
    assert '"GET /reset/[token] HTTP/1.1" 200 120' in line
    for secret in (token, "203.0.113.9", "someone@example.org", "secret-cookie-value"):
        assert secret not in line


def test_gunicorn_error_log_is_scrubbed_too(caplog):
    logger = _gunicorn_logger()
    logger.error_log.addHandler(caplog.handler)
    logger.error(
        "Error handling request /verify/%s from %s", "tok.en.value-abcdefghijklmnop", "x@example.org"
    )
    text = caplog.text
    assert "x@example.org" not in text and "tok.en.value" not in text


def test_scrub_masks_each_kind_of_secret():
    line = scrub(
        "POST /account/delete/abc123 password=hunter22&confirm=hunter22 "
        "Cookie: session=eyJfZnJlc2giOnRydWV9.Z1x2Yw.0123456789abcdefghij; remember_token=1|abc "
        "to amina.b@example.org"
    )
    assert re.search(r"hunter22|eyJf|amina|abc123|1\|abc", line) is None
    assert "/account/delete/link" in scrub("POST /account/delete/link")
