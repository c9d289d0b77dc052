"""Signing in keeps the language just chosen; the sign-in fields tell browsers what they hold;
an unverified account is told to confirm its email rather than shown "Access denied"."""

from app.accounts.forms import LoginForm, RegisterForm
from tests.factories import PASSWORD, make_user


def _sign_in(client, user, query=""):
    return client.post(f"/login{query}", data={"email": user.email, "password": PASSWORD})


def test_choosing_arabic_then_signing_in_keeps_arabic_and_remembers_it(client, db):
    user = make_user(language="fr")
    db.session.commit()
    client.get("/?lang=ar")
    assert _sign_in(client, user).status_code == 302
    page = client.get("/")
    assert '<html lang="ar" dir="rtl">' in page.get_data(as_text=True)
    db.session.refresh(user)
    assert user.language == "ar"


def test_without_a_choice_the_profile_language_is_used(client, db):
    user = make_user(language="en")
    db.session.commit()
    client.get("/")
    _sign_in(client, user)
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_a_choice_made_while_someone_else_was_signed_in_does_not_follow_the_next_person(client, db):
    first, second = make_user(language="fr"), make_user(language="en")
    db.session.commit()
    _sign_in(client, first)
    client.get("/?lang=ar")
    client.post("/logout")
    _sign_in(client, second)
    db.session.refresh(second)
    assert second.language == "en"


def test_sign_in_and_register_fields_declare_their_purpose(app, db):
    with app.test_request_context("/"):
        login, register = LoginForm(meta={"csrf": False}), RegisterForm(meta={"csrf": False})
        assert 'autocomplete="email"' in str(login.email())
        assert 'autocomplete="current-password"' in str(login.password())
        assert 'autocomplete="new-password"' in str(register.password())
        assert 'autocomplete="new-password"' in str(register.confirm())
        assert 'autocomplete="nickname"' in str(register.display_name())
        assert 'autocomplete="email"' in str(register.email())


def test_an_unverified_account_is_asked_to_confirm_its_email_not_refused(client, db, auth):
    auth.login(verified=False)
    response = client.get("/ideas/new?lang=fr")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Accès refusé" not in page and "(403)" not in page
    assert (
        "Confirmez d’abord votre adresse e-mail" in page or "Confirmez d'abord votre adresse e-mail" in page
    )
