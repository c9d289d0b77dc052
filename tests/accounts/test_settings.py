"""Account settings: name, language and password."""

from tests.factories import PASSWORD

NEW_PASSWORD = "minarets and sea breeze"


def test_settings_need_a_signed_in_user(client):
    response = client.get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_settings_page_shows_the_account(client, auth):
    user = auth.login(language="en")
    page = client.get("/account").get_data(as_text=True)
    assert user.email in page and "My account" in page


def test_change_display_name_and_language(client, auth, db):
    user = auth.login(language="fr")
    response = client.post(
        "/account", data={"display_name": "Salma B.", "language": "ar"}, follow_redirects=True
    )
    assert 'dir="rtl"' in response.get_data(as_text=True)
    db.session.refresh(user)
    assert (user.display_name, user.language) == ("Salma B.", "ar")


def test_bad_display_name_is_refused_and_nothing_changes(client, auth, db):
    user = auth.login(language="en")
    page = client.post("/account", data={"display_name": "", "language": "en"}).get_data(as_text=True)
    assert 'id="display_name-error"' in page
    db.session.refresh(user)
    assert user.display_name.startswith("User ")


def test_password_change_needs_the_current_password(client, auth, db):
    user = auth.login(language="en")
    page = client.post(
        "/account/password",
        data={"current_password": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ).get_data(as_text=True)
    assert "Your current password is not correct." in page
    assert 'id="current_password-error"' in page
    token = user.session_token
    db.session.refresh(user)
    assert user.session_token == token


def test_password_change_keeps_this_session_and_signs_out_the_others(app, client, auth, db, outbox):
    user = auth.login(language="en")
    other_device = app.test_client()
    with other_device.session_transaction() as session:
        session["_user_id"] = user.get_id()
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    token = user.session_token
    db.session.refresh(user)
    assert user.session_token != token
    assert "Sign out" in client.get("/").get_data(as_text=True)
    assert "Sign out" not in other_device.get("/").get_data(as_text=True)
    assert outbox[-1].subject == "Agora: your password was changed"


def test_password_change_keeps_remember_me_working(client, db):
    from tests.factories import make_user

    make_user(email="salma@example.org")
    db.session.commit()
    client.post("/login", data={"email": "salma@example.org", "password": PASSWORD, "remember": "y"})
    client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    client.delete_cookie("session", domain="agora.test")
    assert "Sign out" in client.get("/?lang=en").get_data(as_text=True)


def test_new_password_must_differ_from_the_email_and_match(client, auth, db):
    user = auth.login(email="salma.b@example.org", language="en")
    page = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": "salma.b@example.org",
            "confirm": "different thing here",
        },
    ).get_data(as_text=True)
    assert "Do not use your email address as your password." in page
    assert "The two passwords do not match." in page
    token = user.session_token
    db.session.refresh(user)
    assert user.session_token == token
