"""Sessions end for real: on sign-out, everywhere on request, on a new password or role, and a
cookie or link signed with a leaked SECRET_KEY opens nothing without the account's own secret."""

from flask_login.utils import encode_cookie
from itsdangerous import URLSafeTimedSerializer

from app.accounts import services, tokens
from tests.conftest import Auth
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "minarets and sea breeze"


def _signed_in(client):
    return "Sign out" in client.get("/?lang=en").get_data(as_text=True)


def _login(client, email, remember=False):
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302


def _copy(app, client, *names):
    """A second browser holding copies of `client`'s cookies."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name, domain="agora.test")
        thief.set_cookie(name, cookie.value, domain="agora.test")
    return thief


def test_session_forged_with_the_secret_key_does_not_open_admin_pages(app, client, db):
    # What the review did with the public development key: user id 4, stamp 0.
    for n in range(4):
        make_user(role="admin" if n == 3 else "citizen")
    db.session.commit()
    cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": "4:0", "_fresh": True})
    client.set_cookie("session", cookie, domain="agora.test")
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_remember_cookie_forged_with_the_secret_key_signs_nobody_in(client, db):
    admin = make_user(role="admin")
    db.session.commit()
    for guess in (str(admin.id), f"{admin.id}:0", f"{admin.id}:1"):
        client.set_cookie("remember_token", encode_cookie(guess), domain="agora.test")
        assert not _signed_in(client)


def test_session_id_is_random_and_not_made_from_the_user_id(db):
    first, second = make_user(), make_user()
    token = first.get_id().partition(":")[2]
    assert len(token) >= 40
    assert token != second.get_id().partition(":")[2]


def test_reset_link_forged_with_the_secret_key_is_refused(app, client, db):
    user = make_user()
    db.session.commit()
    old_hash = user.password_hash
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=tokens.RESET_PASSWORD)
    for payload in ({"uid": user.id, "stamp": 0}, {"uid": user.id}, {"uid": user.id, "pw": "A" * 22}):
        response = client.post(
            f"/reset/{serializer.dumps(payload)}?lang=en",
            data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        )
        assert response.status_code == 400
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_verification_link_forged_with_the_secret_key_is_refused(app, client, db):
    user = make_user(verified=False)
    db.session.commit()
    serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=tokens.VERIFY_EMAIL)
    forged = serializer.dumps({"uid": user.id, "email": user.email})
    response = client.get(f"/verify/{forged}?lang=en")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert not user.is_verified


def test_cookie_copied_before_logout_no_longer_opens_account(app, client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    _login(client, "salma@example.org")
    thief = _copy(app, client, "session")
    assert thief.get("/account").status_code == 200
    client.post("/logout")
    response = thief.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_remember_cookie_copied_before_logout_no_longer_signs_in(app, client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    _login(client, "salma@example.org", remember=True)
    thief = _copy(app, client, "remember_token")
    assert _signed_in(thief)
    client.post("/logout")
    fresh_thief = _copy(app, thief, "remember_token")
    assert not _signed_in(fresh_thief)


def test_account_page_offers_sign_out_everywhere_with_a_csrf_token(make_app, db):
    application = make_app(WTF_CSRF_ENABLED=True)
    with application.app_context():
        user = make_user()
        db.session.commit()
        client = application.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        page = client.get("/account?lang=en").get_data(as_text=True)
        form = page[page.index('action="/account/sign-out-everywhere"') :]
        assert 'method="post"' in page and 'name="csrf_token"' in form.split("</form>")[0]
        assert "Sign out everywhere" in form
        # Without the token nothing happens.
        assert client.post("/account/sign-out-everywhere").status_code == 400
        assert client.get("/account").status_code == 200


def test_sign_out_everywhere_ends_every_session_this_one_included(app, client, db):
    make_user(email="salma@example.org")
    db.session.commit()
    phone = app.test_client()
    _login(phone, "salma@example.org", remember=True)
    _login(client, "salma@example.org")
    response = client.post("/account/sign-out-everywhere?lang=en", follow_redirects=True)
    assert "You are signed out on every device, this one included." in response.get_data(as_text=True)
    assert not _signed_in(client)
    assert not _signed_in(phone)
    phone.delete_cookie("session", domain="agora.test")
    assert not _signed_in(phone)  # the remember-me cookie died too
    _login(client, "salma@example.org")
    assert _signed_in(client)


def test_sign_out_everywhere_needs_a_signed_in_user(client):
    response = client.post("/account/sign-out-everywhere")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_role_change_signs_the_user_out_everywhere(app, client, db):
    user = make_user(email="youssef@example.org")
    db.session.commit()
    _login(client, "youssef@example.org")
    admin = app.test_client()
    Auth(admin).login(role="admin")
    admin.post(f"/admin/users/{user.id}/role", data={"role": "moderator"})
    assert not _signed_in(client)
    db.session.refresh(user)
    assert user.role == "moderator"


def test_setting_the_same_role_keeps_sessions(client, db):
    user = make_user(email="youssef@example.org")
    db.session.commit()
    _login(client, "youssef@example.org")
    services.set_role(user, "citizen")
    db.session.commit()
    assert _signed_in(client)
