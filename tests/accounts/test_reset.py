"""Password reset by mailed link: a neutral answer, single-use links, other sessions signed out."""

import time

import itsdangerous

from app.accounts import tokens
from app.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo_accounts
from tests.accounts.conftest import link_path
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "minarets and sea breeze"


def _ask(client, email):
    return client.post("/reset?lang=en", data={"email": email}, follow_redirects=True)


def test_reset_request_answers_the_same_for_known_and_unknown_addresses(client, db, outbox):
    make_user(email="salma@example.org", language="en")
    db.session.commit()
    known = _ask(client, "salma@example.org")
    unknown = _ask(client, "nobody@example.org")
    assert known.get_data() == unknown.get_data()
    assert "If an account uses this address" in known.get_data(as_text=True)
    [message] = outbox
    assert message.to == ["salma@example.org"]
    assert message.subject == "Agora: choose a new password"


def test_full_reset_flow_changes_the_password_and_signs_out_other_sessions(app, client, db, outbox):
    user = make_user(email="salma@example.org", verified=False, language="en")
    db.session.commit()
    other_device = app.test_client()
    other_device.post("/login", data={"email": "salma@example.org", "password": PASSWORD})
    assert "Sign out" in other_device.get("/").get_data(as_text=True)

    _ask(client, "salma@example.org")
    path = link_path(outbox[-1])
    assert "Choose a new password" in client.get(path + "?lang=en").get_data(as_text=True)
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.headers["Location"].endswith("/login")

    db.session.refresh(user)
    assert user.is_verified  # the link proved the mailbox is theirs
    assert outbox[-1].subject == "Agora: your password was changed"
    assert "Sign out" not in other_device.get("/").get_data(as_text=True)
    assert client.post("/login", data={"email": "salma@example.org", "password": PASSWORD}).status_code == 200
    assert (
        client.post("/login", data={"email": "salma@example.org", "password": NEW_PASSWORD}).status_code
        == 302
    )


def test_reset_link_works_only_once(client, db, outbox):
    make_user(email="salma@example.org")
    db.session.commit()
    _ask(client, "salma@example.org")
    path = link_path(outbox[-1])
    client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    again = client.post(
        path + "?lang=en", data={"password": "another long phrase", "confirm": "another long phrase"}
    )
    assert again.status_code == 400
    assert "This link was already used" in again.get_data(as_text=True)


def test_expired_reset_link_is_refused(client, db, outbox, monkeypatch):
    make_user(email="salma@example.org")
    db.session.commit()
    three_hours_ago = int(time.time()) - 3 * 3600
    monkeypatch.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: three_hours_ago)
    _ask(client, "salma@example.org")
    monkeypatch.undo()
    response = client.get(link_path(outbox[-1]) + "?lang=en")
    assert response.status_code == 400
    assert "This link has expired." in response.get_data(as_text=True)
    assert 'href="/reset"' in response.get_data(as_text=True)


def test_forged_reset_link_is_refused_and_changes_nothing(client, db):
    user = make_user()
    db.session.commit()
    old_hash = user.password_hash
    forged = itsdangerous.URLSafeTimedSerializer("guessed-key", salt=tokens.RESET_PASSWORD).dumps(
        {"uid": user.id, "stamp": 0}
    )
    response = client.post(
        f"/reset/{forged}?lang=en", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_weak_new_password_is_refused_next_to_the_field(client, db, outbox):
    user = make_user(email="salma@example.org")
    db.session.commit()
    _ask(client, "salma@example.org")
    path = link_path(outbox[-1])
    response = client.post(
        path + "?lang=en", data={"password": "salma@example.org", "confirm": "salma@example.org"}
    )
    assert 'id="password-error"' in response.get_data(as_text=True)
    old_hash = user.password_hash
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_login_page_links_to_the_reset_page(client):
    assert 'href="/reset"' in client.get("/login").get_data(as_text=True)


def test_demo_account_can_request_reset(client, db, outbox):
    seed_demo_accounts()
    db.session.commit()
    email = DEMO_ACCOUNTS[0][0]
    response = client.post("/reset?lang=en", data={"email": email}, follow_redirects=True)
    assert "If an account uses this address" in response.get_data(as_text=True)
    [message] = outbox
    assert message.to == [email]
    login = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert login.status_code == 302
