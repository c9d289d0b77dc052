"""Email verification links: they work once, expire, and cannot be forged."""

import time

import itsdangerous

from app.accounts import tokens
from tests.accounts.conftest import link_path, registration
from tests.factories import make_user


def _registered(client, db, outbox):
    client.post("/register", data=registration(language="en"))
    db.session.expire_all()
    from app.accounts.services import find_by_email

    return find_by_email("amina@example.org"), link_path(outbox[-1])


def test_verification_link_marks_the_address_verified(client, db, outbox):
    user, path = _registered(client, db, outbox)
    response = client.get(path + "?lang=en", follow_redirects=True)
    assert "your email address is verified" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.is_verified


def test_reused_verification_link_says_the_address_is_already_verified(client, db, outbox):
    user, path = _registered(client, db, outbox)
    client.get(path)
    response = client.get(path + "?lang=en", follow_redirects=True)
    assert response.status_code == 200
    assert "This link was already used: your email address is verified." in response.get_data(as_text=True)


def test_expired_verification_link_is_refused_with_a_clear_message(app, client, db, monkeypatch):
    user = make_user(verified=False)
    db.session.commit()
    three_days_ago = int(time.time()) - 3 * 24 * 3600
    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: three_days_ago)
    token = tokens.make_token(tokens.VERIFY_EMAIL, {"uid": user.id, "email": user.email})
    monkeypatch.undo()

    response = client.get(f"/verify/{token}?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This link has expired." in page
    db.session.refresh(user)
    assert not user.is_verified


def test_forged_verification_link_is_refused(client, db, outbox):
    user, path = _registered(client, db, outbox)
    forged = path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB")
    response = client.get(forged + "?lang=en")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.is_verified


def test_link_signed_for_password_reset_cannot_verify_an_address(client, db):
    user = make_user(verified=False)
    db.session.commit()
    token = tokens.make_token(tokens.RESET_PASSWORD, {"uid": user.id, "email": user.email})
    assert client.get(f"/verify/{token}").status_code == 400


def test_link_for_another_address_is_refused(client, db):
    user = make_user(verified=False)
    db.session.commit()
    token = tokens.make_token(tokens.VERIFY_EMAIL, {"uid": user.id, "email": "other@example.org"})
    assert client.get(f"/verify/{token}").status_code == 400


def test_unverified_user_sees_a_notice_and_can_ask_for_a_new_link(client, auth, outbox):
    user = auth.login(verified=False, language="en")
    page = client.get("/").get_data(as_text=True)
    assert "Confirm your email address to propose and support ideas" in page
    response = client.post("/verify/resend", data={"next": "/"})
    assert response.headers["Location"].endswith("/")
    [message] = outbox
    assert message.to == [user.email]
    assert "/verify/" in message.body


def test_verified_user_sees_no_notice_and_resend_sends_nothing(client, auth, outbox):
    auth.login(verified=True, language="en")
    assert "Confirm your email address" not in client.get("/").get_data(as_text=True)
    client.post("/verify/resend")
    assert outbox == []


def test_resend_needs_a_signed_in_user(client, outbox):
    response = client.post("/verify/resend")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert outbox == []
