"""The privacy notice in three languages, its acceptance at registration and again at sign-in
when a new version comes."""

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.privacy.models import Consent
from tests.accounts.conftest import registration
from tests.factories import PASSWORD, make_user

TITLES = {"fr": "Politique de confidentialité", "ar": "سياسة الخصوصية", "en": "Privacy notice"}


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_notice_names_the_controller_and_the_retention_in_each_language(app, client, lang):
    app.config["PRIVACY_CONTROLLER_NAME"] = "Ville de Test"
    app.config["PRIVACY_CONTACT_EMAIL"] = "dpo@ville.test"
    page = client.get(f"/privacy?lang={lang}").get_data(as_text=True)
    assert TITLES[lang] in page
    assert "Ville de Test" in page and 'href="mailto:dpo@ville.test"' in page
    assert "2026-12" in page
    assert "09-08" in page


def test_registration_links_the_notice_and_records_the_version_accepted(app, client, db):
    app.config["PRIVACY_NOTICE_VERSION"] = "v7"
    assert 'href="/privacy"' in client.get("/register").get_data(as_text=True)
    assert client.post("/register", data=registration()).status_code == 302
    user = db.session.scalar(select(User).where(User.email == "amina@example.org"))
    (consent,) = db.session.scalars(select(Consent).where(Consent.user_id == user.id)).all()
    assert consent.notice_version == "v7"


def test_registration_without_accepting_the_notice_creates_nothing(client, db):
    data = registration()
    del data["accept_privacy"]
    response = client.post("/register?lang=en", data=data)
    assert response.status_code == 200
    assert "Read and accept the privacy notice to create an account." in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "amina@example.org")) is None


def _sign_in(client, user):
    return client.post("/login", data={"email": user.email, "password": PASSWORD})


def test_a_resident_who_accepted_the_current_version_signs_in_as_before(client, db):
    user = make_user()
    db.session.commit()
    assert _sign_in(client, user).headers["Location"] == "/"
    assert client.get("/ideas").status_code == 200


def test_a_new_version_is_accepted_again_at_next_sign_in_without_javascript(app, client, db):
    user = make_user()
    db.session.commit()
    app.config["PRIVACY_NOTICE_VERSION"] = "2027-01"
    _sign_in(client, user)

    gated = client.get("/ideas/mine")
    assert gated.status_code == 303
    assert gated.headers["Location"].startswith("/privacy/accept?next=/ideas/mine")
    # Reading the notice, and taking or erasing one's data, are never held back.
    assert client.get("/privacy").status_code == 200
    assert client.get("/account/export").status_code == 200
    assert client.get("/account/delete").status_code == 200

    refused = client.post("/privacy/accept", data={"next": "/ideas/mine"})
    assert refused.status_code == 200
    accepted = client.post("/privacy/accept", data={"accept": "y", "next": "/ideas/mine"})
    assert accepted.headers["Location"] == "/ideas/mine"
    assert client.get("/ideas/mine").status_code == 200
    versions = db.session.scalars(select(Consent.notice_version).where(Consent.user_id == user.id)).all()
    assert sorted(versions) == ["2026-12", "2027-01"]


def test_the_acceptance_page_refuses_an_outside_next(app, client, db):
    user = make_user(accepted_notice=False)
    db.session.commit()
    _sign_in(client, user)
    response = client.post("/privacy/accept", data={"accept": "y", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
