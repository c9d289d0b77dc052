"""In-person supports counted apart; residents claim their ideas with a verified address; the
privacy archive and deletion cover what relays entered; admins grant and take back the role."""

import io
import json
import zipfile

from sqlalchemy import select

from app.accounts import services as accounts
from app.accounts.models import User
from app.extensions import db
from app.privacy.export import archive_chunks
from app.privacy.services import delete_account
from app.relays.models import AssistedIdea, InPersonSupport, Relay, RelayAuditEntry
from app.votes.services import cast_vote
from tests.factories import make_idea, make_user
from tests.relays.helpers import assisted_idea


def test_in_person_supports_are_counted_apart_from_online_ones(client, auth, relay, category):
    idea = make_idea(category=category)
    db.session.commit()
    auth.login_as(relay.user)
    for name in ("S. A.", "Youssef"):
        response = client.post(
            f"/relays/ideas/{idea.id}/supports",
            data={"supporter_name": name, "channel": "in_person", "consent": "y"},
        )
        assert response.status_code == 302
    db.session.refresh(idea)
    assert idea.support_count == 0
    assert db.session.scalar(select(db.func.count()).select_from(InPersonSupport)) == 2
    auth.logout()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Supports collected in person" in page and "counted apart from the online supports" in page
    assert "S. A." not in page  # supporters' names are not published


def test_a_support_without_consent_is_refused(client, auth, relay, category):
    idea = make_idea(category=category)
    db.session.commit()
    auth.login_as(relay.user)
    data = {"supporter_name": "S. A.", "channel": "in_person"}
    response = client.post(f"/relays/ideas/{idea.id}/supports", data=data)
    assert response.status_code == 400
    assert "agreement is required" in response.get_data(as_text=True)
    assert db.session.scalar(select(InPersonSupport)) is None


def test_online_supports_still_count_one_per_account(client, relay, category):
    idea = make_idea(category=category)
    voter = make_user()
    cast_vote(voter, idea)
    cast_vote(voter, idea)
    db.session.commit()
    db.session.refresh(idea)
    assert idea.support_count == 1


def test_a_resident_claims_their_ideas_by_verifying_that_address(app, relay, category, district):
    idea = assisted_idea(relay, category, district, email="Fatima@Example.org")
    other = assisted_idea(relay, category, district, email="someone@example.org", title="Une autre idée")
    db.session.commit()
    user = make_user(email="fatima@example.org", verified=False)
    db.session.commit()
    user = accounts.verify_email(accounts.verification_token(user))
    db.session.commit()
    assert db.session.get(AssistedIdea, idea.id).claimed_by_id == user.id
    assert db.session.get(type(idea), idea.id).author_id == user.id
    assert db.session.get(type(other), other.id).author_id is None
    assert "idea_claimed" in db.session.scalars(select(RelayAuditEntry.action)).all()


def test_the_privacy_archive_and_deletion_cover_what_relays_entered(app, relay, category, district):
    idea = assisted_idea(relay, category, district, email="fatima@example.org", phone="0612345678")
    user = make_user(email="fatima@example.org", verified=False)
    accounts.verify_email(accounts.verification_token(user))
    db.session.commit()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(archive_chunks(user, app.config["UPLOAD_DIR"]))))
    (entry,) = json.loads(archive.read("assisted.json"))
    assert entry["idea_id"] == idea.id and entry["phone"] == "+212612345678"
    assert entry["organisation"] == "Association Anfa Solidaire" and entry["consent_at"]
    delete_account(user, keep_ideas=True)
    db.session.commit()
    assisted = db.session.get(AssistedIdea, idea.id)
    assert assisted.phone is None and assisted.email is None and assisted.resident_name == "—"


def test_admins_grant_and_take_back_the_relay_role(client, auth, admin, district):
    user = make_user(email="agent@example.org", name="Agent")
    db.session.commit()
    auth.login_as(admin)
    response = client.post(
        "/admin/relays",
        data={"email": "agent@example.org", "organisation": "Arrondissement d'Anfa", "districts": ["anfa"]},
    )
    assert response.status_code == 302
    relay = db.session.get(Relay, user.id)
    assert relay.organisation == "Arrondissement d'Anfa" and [d.slug for d in relay.districts] == ["anfa"]
    assert client.post(f"/admin/relays/{user.id}/revoke").status_code == 302
    db.session.expire_all()
    assert db.session.get(Relay, user.id) is None
    actions = db.session.scalars(select(RelayAuditEntry.action).order_by(RelayAuditEntry.id)).all()
    assert actions == ["relay_granted", "relay_revoked"]
    assert "Relay role granted" in client.get("/admin/relays/audit").get_data(as_text=True)


def test_granting_needs_an_existing_account_and_an_organisation(client, auth, admin):
    db.session.commit()
    auth.login_as(admin)
    response = client.post("/admin/relays", data={"email": "nobody@example.org", "organisation": "X"})
    assert response.status_code == 400
    assert "No account has this email address" in response.get_data(as_text=True)
    response = client.post("/admin/relays", data={"email": "admin@example.org", "organisation": ""})
    assert response.status_code == 400
    assert db.session.scalar(select(Relay)) is None


def test_the_audit_log_is_append_only(app, relay):
    import pytest

    entry = db.session.scalar(select(RelayAuditEntry))
    entry.action = "changed"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()


def test_short_links_lead_to_the_idea(client, category):
    idea = make_idea(category=category)
    db.session.commit()
    response = client.get(f"/i/{idea.id}")
    assert response.status_code == 301 and response.location.endswith(f"/ideas/{idea.id}")


def test_registering_with_the_address_and_following_the_link_brings_the_ideas_home(
    client, auth, outbox, relay, category, district
):
    from tests.accounts.conftest import link_path, registration

    idea = assisted_idea(relay, category, district, email="fatima@example.org", premoderation=False)
    db.session.commit()
    assert client.post("/register", data=registration(email="Fatima@example.org")).status_code == 302
    (message,) = [m for m in outbox if "/verify/" in m.body]
    client.get(link_path(message))
    user = db.session.scalar(select(User).where(User.email == "fatima@example.org"))
    auth.login_as(user)
    assert f"/ideas/{idea.id}" in client.get("/ideas/mine").get_data(as_text=True)
    # The idea's page now names the account, no longer the name the relay typed.
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<bdi>Amina</bdi>" in page and "M. B." not in page
