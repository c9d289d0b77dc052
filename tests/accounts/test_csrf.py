"""With CSRF protection on (as in production), forms posted without a token change nothing."""

import re

from app.accounts.models import User
from app.extensions import db
from tests.accounts.conftest import registration
from tests.factories import PASSWORD, make_user


def _token(page):
    return re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page
    )


def _csrf_token(client, path):
    match = _token(client.get(path).get_data(as_text=True))
    return match.group(1) or match.group(2)


def _emails():
    db.session.expire_all()
    return [u.email for u in db.session.execute(db.select(User)).scalars()]


def test_registration_without_a_csrf_token_is_refused_and_creates_nothing(make_app):
    application = make_app(WTF_CSRF_ENABLED=True)
    with application.app_context():
        client = application.test_client()
        response = client.post("/register?lang=en", data=registration())
        assert response.status_code == 400
        assert "Bad request" in response.get_data(as_text=True)
        assert _emails() == []


def test_registration_with_the_token_works(make_app):
    application = make_app(WTF_CSRF_ENABLED=True)
    with application.app_context():
        client = application.test_client()
        token = _csrf_token(client, "/register")
        response = client.post("/register", data={**registration(), "csrf_token": token})
        assert response.status_code == 302
        assert _emails() == ["amina@example.org"]


def test_logout_and_role_change_without_a_token_are_refused(make_app):
    application = make_app(WTF_CSRF_ENABLED=True)
    with application.app_context():
        admin = make_user(role="admin", email="admin@example.org")
        target = make_user(email="target@example.org")
        db.session.commit()
        client = application.test_client()
        token = _csrf_token(client, "/login")
        client.post("/login", data={"email": "admin@example.org", "password": PASSWORD, "csrf_token": token})
        assert client.post(f"/admin/users/{target.id}/role", data={"role": "admin"}).status_code == 400
        assert client.post("/logout").status_code == 400
        db.session.refresh(target)
        assert target.role == "citizen"
        assert "Sign out" in client.get("/?lang=en").get_data(as_text=True)
        assert admin.role == "admin"
