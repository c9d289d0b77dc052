"""Registration: a verification mail on success, errors next to the fields, and never a hint
that an address already has an account."""

import pytest

from app.accounts.models import User
from tests.accounts.conftest import STRONG_PASSWORD, link_path, registration
from tests.factories import make_user


def _users(db):
    db.session.expire_all()
    return db.session.execute(db.select(User)).scalars().all()


def test_registration_creates_an_unverified_account_and_mails_a_verification_link(client, db, outbox):
    response = client.post("/register", data=registration(language="en"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/register/check-inbox")
    [user] = _users(db)
    assert user.email == "amina@example.org" and user.display_name == "Amina"
    assert user.language == "en" and not user.is_verified and user.role == "citizen"
    assert user.password_hash.startswith("$argon2id$")
    [message] = outbox
    assert message.to == ["amina@example.org"]
    assert message.subject == "Agora: confirm your email address"
    assert link_path(message).startswith("/verify/")


def test_check_inbox_page_tells_the_user_what_to_do(client):
    page = client.get("/register/check-inbox?lang=en").get_data(as_text=True)
    assert "Check your inbox" in page


def test_email_is_stored_in_lowercase_without_spaces(client, db):
    client.post("/register", data=registration(email="  Amina@Example.ORG "))
    assert _users(db)[0].email == "amina@example.org"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"email": ""}, "email", "Enter your email address."),
        ({"display_name": "A"}, "display_name", "Use between 2 and 80 characters."),
        ({"password": "short1", "confirm": "short1"}, "password", "Use between 10 and 128 characters."),
        (
            {"password": "amina@example.org", "confirm": "amina@example.org"},
            "password",
            "Do not use your email address as your password.",
        ),
        (
            {"password": "Password123", "confirm": "Password123"},
            "password",
            "This password is too common and easy to guess.",
        ),
        (
            {"password": "aaaaaaaaaaaa", "confirm": "aaaaaaaaaaaa"},
            "password",
            "This password is too common and easy to guess.",
        ),
        ({"confirm": "something else entirely"}, "confirm", "The two passwords do not match."),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_creates_nothing(
    client, db, outbox, changes, field, message
):
    response = client.post("/register?lang=en", data=registration(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in page
    assert message in page
    assert f'aria-describedby="{field}-error"' in page or f"{field}-hint {field}-error" in page
    assert _users(db) == []
    assert outbox == []


def test_duplicate_email_gets_the_same_answer_and_warns_the_owner(client, db, outbox):
    owner = make_user(email="amina@example.org", name="Amina B.", language="ar")
    db.session.commit()
    fresh = client.post("/register", data=registration(email="someone.new@example.org"))
    taken = client.post("/register", data=registration(email="AMINA@example.org", display_name="Intruder"))

    assert taken.status_code == fresh.status_code == 302
    assert taken.headers["Location"] == fresh.headers["Location"]
    assert taken.get_data() == fresh.get_data()
    assert "Set-Cookie" not in taken.headers and "Set-Cookie" not in fresh.headers
    assert sorted(u.email for u in _users(db)) == ["amina@example.org", "someone.new@example.org"]
    db.session.refresh(owner)
    assert owner.display_name == "Amina B."

    warning = outbox[-1]
    assert warning.to == ["amina@example.org"]
    assert warning.subject == "أغورا: حاول شخص ما التسجيل بعنوانك"
    assert "http://agora.test/login" in warning.body and "http://agora.test/reset" in warning.body
    assert "/verify/" not in warning.body


def test_register_page_never_says_an_address_is_taken(client, db):
    make_user(email="amina@example.org")
    db.session.commit()
    page = client.post("/register?lang=en", data=registration(), follow_redirects=True).get_data(as_text=True)
    assert "already" not in page
    assert "Check your inbox" in page


def test_new_account_can_sign_in_before_verifying(client, db):
    client.post("/register", data=registration())
    response = client.post("/login?lang=en", data={"email": "amina@example.org", "password": STRONG_PASSWORD})
    assert response.status_code == 302
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Confirm your email address to propose and support ideas" in page


def test_signed_in_users_are_sent_home_from_the_register_page(client, auth):
    auth.login()
    assert client.get("/register").status_code == 302


def test_simultaneous_sign_ups_for_one_address_keep_one_account_and_answer_the_same(client, db, monkeypatch):
    make_user(email="amina@example.org", name="First")
    db.session.commit()
    # The second request looked the address up before the first one was committed.
    monkeypatch.setattr("app.accounts.services.find_by_email", lambda email: None)
    response = client.post("/register", data=registration())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/register/check-inbox")
    assert [u.display_name for u in _users(db)] == ["First"]


def test_demo_domain_is_accepted_in_development_with_its_local_part_checked(client, db, outbox):
    assert client.post("/register", data=registration(email="someone@agora.local")).status_code == 302
    assert outbox[-1].to == ["someone@agora.local"]
    page = client.post("/register?lang=en", data=registration(email="some one@agora.local"))
    assert "Enter a valid email address." in page.get_data(as_text=True)


def test_special_use_domains_are_refused_when_no_test_domain_is_allowed(make_app, db):
    from app.config import ProductionConfig

    assert ProductionConfig.EMAIL_TEST_DOMAINS == ()
    application = make_app(EMAIL_TEST_DOMAINS=())
    with application.app_context():
        client = application.test_client()
        for path, data in (
            ("/register?lang=en", registration(email="someone@agora.local")),
            ("/reset?lang=en", {"email": "citizen@agora.local"}),
        ):
            response = client.post(path, data=data)
            assert response.status_code == 200
            assert "Enter a valid email address." in response.get_data(as_text=True)
        assert db.session.scalar(db.select(db.func.count(User.id))) == 0
