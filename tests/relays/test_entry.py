"""A relay enters residents' ideas: consent, phone, the normal path, what the page shows."""

from sqlalchemy import select

from app.extensions import db
from app.ideas.models import Idea
from app.relays.models import AssistedIdea, RelayAuditEntry
from tests.factories import make_idea, make_user


def _form(category, district, **fields):
    data = {
        "district": district.slug,
        "channel": "in_person",
        "resident_name": "M. B.",
        "title": "Un banc devant la pharmacie",
        "description": "Les personnes âgées attendent debout devant la pharmacie du quartier.",
        "category": category.slug,
        "place_label": "Pharmacie de la rue 12",
        "phone": "06 12 34 56 78",
        "email": "",
        "language": "ar",
        "consent": "y",
    }
    data.update(fields)
    return data


def _login(auth, relay):
    db.session.commit()
    auth.login_as(relay.user)


def test_relay_enters_an_idea_that_waits_for_moderation(client, auth, relay, category, district):
    _login(auth, relay)
    response = client.post("/relays/enter", data=_form(category, district))
    assert response.status_code == 302
    idea = db.session.scalar(select(Idea).where(Idea.title == "Un banc devant la pharmacie"))
    assert idea.status == "pending" and idea.author_id is None and idea.channel == "in_person"
    assisted = db.session.get(AssistedIdea, idea.id)
    assert assisted.phone == "+212612345678"
    assert assisted.consent_by == "M. B." and assisted.consent_scope == "publish_contact"
    assert assisted.organisation == "Association Anfa Solidaire"
    actions = db.session.scalars(select(RelayAuditEntry.action)).all()
    assert "assisted_idea" in actions
    # The audit log never holds the phone number.
    assert "+212" not in str(db.session.scalars(select(RelayAuditEntry.details)).all())


def test_form_without_consent_is_refused_and_nothing_is_saved(client, auth, relay, category, district):
    _login(auth, relay)
    data = _form(category, district)
    del data["consent"]
    response = client.post("/relays/enter", data=data)
    assert response.status_code == 400
    assert "nothing is recorded without it" in response.get_data(as_text=True)
    assert db.session.scalar(select(Idea)) is None


def test_bad_phone_number_is_refused(client, auth, relay, category, district):
    _login(auth, relay)
    response = client.post("/relays/enter", data=_form(category, district, phone="12345"))
    assert response.status_code == 400
    assert "is not a valid phone number" in response.get_data(as_text=True)
    assert db.session.scalar(select(Idea)) is None


def test_international_phone_is_accepted(client, auth, relay, category, district):
    _login(auth, relay)
    client.post("/relays/enter", data=_form(category, district, phone="+33 6 12 34 56 78"))
    assert db.session.scalar(select(AssistedIdea.phone)) == "+33612345678"


def test_a_relay_cannot_enter_ideas_outside_their_districts(client, auth, relay, category, district):
    from app.ideas.models import District

    other = District(
        slug="maarif", name_fr="Maârif", name_ar="المعاريف", name_en="Maarif", geometry="{}",
        min_lng=-7.65, min_lat=33.55, max_lng=-7.62, max_lat=33.58, center_lat=33.565, center_lng=-7.635,
    )  # fmt: skip
    db.session.add(other)
    _login(auth, relay)
    response = client.post("/relays/enter", data=_form(category, other))
    assert response.status_code == 400
    assert db.session.scalar(select(Idea)) is None


def test_citizens_cannot_open_the_relay_desk(client, auth):
    auth.login()
    assert client.get("/relays").status_code == 403
    assert client.get("/relays/enter").status_code == 403


def test_published_idea_page_says_who_helped_and_hides_the_phone(client, auth, relay, category, district):
    _login(auth, relay)
    client.post("/relays/enter", data=_form(category, district))
    idea = db.session.scalar(select(Idea))
    idea.status, idea.published_at = "published", idea.created_at
    db.session.commit()
    auth.logout()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Proposed with the help of" in page and "Association Anfa Solidaire" in page
    assert "M. B." in page
    assert "612345678" not in page and "34 56 78" not in page
    api = client.get(f"/api/v1/ideas/{idea.id}").get_data(as_text=True)
    assert "612345678" not in api


def test_a_relay_sees_only_the_ideas_they_entered(client, auth, relay, admin, category, district):
    from app.relays.services import grant_relay

    other = grant_relay(admin, make_user(email="other@example.org"), "Arrondissement Anfa", [])
    _login(auth, relay)
    data = _form(category, district, title="Idée de la première relais")
    client.post("/relays/enter", data=data, follow_redirects=True)
    auth.login_as(other.user)
    data = _form(category, district, title="Idée de la seconde relais")
    client.post("/relays/enter", data=data, follow_redirects=True)
    page = client.get("/relays").get_data(as_text=True)
    assert "Idée de la seconde relais" in page and "Idée de la première relais" not in page


def test_duplicate_hint_is_shown_before_saving(client, auth, relay, category, district):
    make_idea(category=category, title="Un banc devant la pharmacie", lat=33.595, lng=-7.64)
    _login(auth, relay)
    response = client.post("/relays/enter", data=_form(category, district))
    assert "Is this idea already here?" in response.get_data(as_text=True)
    assert db.session.scalar(select(AssistedIdea)) is None
    response = client.post("/relays/enter", data=_form(category, district, confirmed="1"))
    assert response.status_code == 302
    assert db.session.scalar(select(AssistedIdea)) is not None


def test_a_landline_is_refused_since_only_a_mobile_gets_the_text_message(
    client, auth, relay, category, district
):
    _login(auth, relay)
    response = client.post("/relays/enter", data=_form(category, district, phone="05 22 12 34 56"))
    assert response.status_code == 400
    assert "cannot receive text messages" in response.get_data(as_text=True)
    assert db.session.scalar(select(Idea)) is None
    response = client.post("/relays/enter", data=_form(category, district, phone="07 12 34 56 78"))
    assert response.status_code == 302


def test_phone_and_address_stay_out_of_open_data(client, auth, relay, category, district):
    _login(auth, relay)
    client.post("/relays/enter", data=_form(category, district, email="fatima@example.org"))
    idea = db.session.scalar(select(Idea))
    idea.status, idea.published_at = "published", idea.created_at
    db.session.commit()
    auth.logout()
    for name in ("ideas.csv", "ideas.geojson"):
        body = client.get(f"/open-data/{name}").get_data(as_text=True)
        assert "Un banc devant la pharmacie" in body
        assert "612345678" not in body and "fatima@example.org" not in body
