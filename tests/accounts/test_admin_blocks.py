"""The users admin blocks and unblocks accounts, shows the last sign-in and logs role changes."""

from html import unescape

from app.accounts.models import AccountChange, User
from tests.factories import PASSWORD, make_user


def test_an_admin_blocks_and_unblocks_an_account_and_both_are_logged(client, auth, db):
    admin = auth.login(role="admin", name="Amina")
    resident = make_user(name="Youssef")
    db.session.commit()
    stamp = resident.session_token
    page = unescape(
        client.post(f"/admin/users/{resident.id}/block?lang=en", follow_redirects=True).get_data(as_text=True)
    )
    assert "Youssef is blocked and signed out everywhere." in page
    db.session.refresh(resident)
    assert resident.is_blocked and resident.session_token != stamp
    page = unescape(client.get("/admin/users?blocked=yes&lang=en").get_data(as_text=True))
    assert "Youssef" in page and "1 account found." in page
    client.post(f"/admin/users/{resident.id}/unblock")
    db.session.refresh(resident)
    assert not resident.is_blocked
    changes = [(c.change, c.actor_id) for c in db.session.query(AccountChange).order_by(AccountChange.id)]
    assert changes == [("block", admin.id), ("unblock", admin.id)]
    page = unescape(client.get("/admin/users?lang=en").get_data(as_text=True))
    assert "Latest role changes and blocks" in page and "Unblocked" in page


def test_staff_accounts_cannot_be_blocked_and_unknown_verbs_are_not_found(client, auth, db):
    auth.login(role="admin")
    moderator = make_user(role="moderator")
    db.session.commit()
    page = client.post(f"/admin/users/{moderator.id}/block?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Staff accounts cannot be blocked: change their role first." in page
    assert not db.session.get(User, moderator.id).is_blocked
    assert client.post(f"/admin/users/{moderator.id}/explode").status_code == 404
    page = client.post(f"/admin/users/{moderator.id}/unblock?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "This account is not blocked." in page
    assert db.session.query(AccountChange).count() == 0


def test_role_changes_are_logged_with_before_and_after(client, auth, db):
    auth.login(role="admin", name="Amina")
    resident = make_user(name="Youssef")
    db.session.commit()
    client.post(f"/admin/users/{resident.id}/role", data={"role": "moderator"})
    client.post(f"/admin/users/{resident.id}/role", data={"role": "moderator"})  # no change, no line
    change = db.session.query(AccountChange).one()
    assert (change.change, change.old_value, change.new_value) == ("role", "citizen", "moderator")
    page = unescape(client.get("/admin/users?lang=fr").get_data(as_text=True))
    assert "Rôle : Citoyen → Modérateur" in page and "Amina" in page


def test_signing_in_records_the_last_sign_in_shown_to_admins(client, auth, db):
    resident = make_user(name="Youssef", email="youssef@example.org")
    db.session.commit()
    assert resident.last_login_at is None
    client.post("/login", data={"email": "youssef@example.org", "password": PASSWORD})
    db.session.refresh(resident)
    assert resident.last_login_at is not None
    auth.login(role="admin")
    page = unescape(client.get("/admin/users?lang=en").get_data(as_text=True))
    assert "Last sign-in" in page and "Never" in page  # the admin signed in through the test helper
