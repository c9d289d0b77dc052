"""The admin user list: only admins, search and filters, pagination, role changes."""

import pytest

from app.accounts.models import User
from tests.factories import make_user


@pytest.mark.parametrize("role", ["citizen", "moderator", "facilitator"])
def test_only_admins_can_see_the_user_list(client, auth, role):
    auth.login(role=role)
    assert client.get("/admin/users").status_code == 403
    assert client.post("/admin/users/1/role", data={"role": "admin"}).status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_nav_links_to_the_user_list_and_everyone_to_their_account(client, auth):
    auth.login(role="admin")
    page = client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/admin/users"' in page and 'href="/account"' in page


def test_citizen_nav_has_no_user_list(client, auth):
    auth.login(role="citizen")
    page = client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/admin/users"' not in page and 'href="/account"' in page


def test_user_list_shows_role_verification_and_creation_date(client, auth, db):
    auth.login(role="admin", name="Admin One")
    make_user(email="youssef@example.org", name="Youssef", role="moderator", verified=False)
    db.session.commit()
    page = client.get("/admin/users?lang=en").get_data(as_text=True)
    assert "youssef@example.org" in page and "Youssef" in page
    assert '<option value="moderator" selected>' in page
    assert "2 accounts found." in page


def test_user_list_searches_email_and_name_and_filters(client, auth, db):
    auth.login(role="admin", name="Admin One")
    make_user(email="youssef@example.org", name="Youssef", role="moderator", verified=False)
    make_user(email="nadia@example.org", name="Nadia", role="facilitator", verified=True)
    db.session.commit()

    def emails(query):
        page = client.get(f"/admin/users?lang=en&{query}").get_data(as_text=True)
        return {e for e in ("youssef@example.org", "nadia@example.org") if e in page}

    assert emails("q=YOUSS") == {"youssef@example.org"}
    assert emails("q=nadia") == {"nadia@example.org"}
    assert emails("q=%25") == set()  # a wildcard is searched literally
    assert emails("role=facilitator") == {"nadia@example.org"}
    assert emails("verified=no") == {"youssef@example.org"}
    assert emails("role=unknown") == {"youssef@example.org", "nadia@example.org"}


def test_user_list_is_paginated(client, auth, db):
    auth.login(role="admin")
    for n in range(30):
        make_user(email=f"resident{n:02d}@example.org")
    db.session.commit()
    first = client.get("/admin/users?lang=en").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get("/admin/users?lang=en&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    assert client.get("/admin/users?page=99").status_code == 200


def test_admin_changes_a_role(client, auth, db):
    auth.login(role="admin")
    target = make_user(email="youssef@example.org")
    db.session.commit()
    response = client.post(
        f"/admin/users/{target.id}/role?lang=en",
        data={"role": "moderator", "next": "/admin/users?q=youssef"},
        follow_redirects=True,
    )
    assert "youssef@example.org is now: Moderator." in response.get_data(as_text=True)
    db.session.refresh(target)
    assert target.role == "moderator"


def test_admin_cannot_remove_their_own_admin_role(client, auth, db):
    admin = auth.login(role="admin")
    response = client.post(
        f"/admin/users/{admin.id}/role?lang=en", data={"role": "citizen"}, follow_redirects=True
    )
    assert "You cannot remove your own admin role." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_unknown_role_is_refused(client, auth, db):
    auth.login(role="admin")
    target = make_user()
    db.session.commit()
    response = client.post(
        f"/admin/users/{target.id}/role?lang=en", data={"role": "mayor"}, follow_redirects=True
    )
    assert "Choose one of the listed roles." in response.get_data(as_text=True)
    db.session.refresh(target)
    assert target.role == "citizen"


def test_role_change_for_a_missing_user_is_404(client, auth, db):
    auth.login(role="admin")
    assert client.post("/admin/users/999999/role", data={"role": "admin"}).status_code == 404
    assert db.session.execute(db.select(User).where(User.id == 999999)).first() is None
