"""A relay places a resident's idea on the map, as the propose form does, or keeps the district
and words of a form where nothing was marked; pins outside the form's district, the relay's
districts or the city are refused."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.ideas.models import Idea
from app.relays.batches import create_batch
from app.relays.services import grant_relay
from tests.factories import make_polygon_district, make_user

INSIDE_ANFA = ("33.590000", "-7.645000")


@pytest.fixture
def maarif(db):
    ring = [[-7.62, 33.56], [-7.58, 33.56], [-7.58, 33.58], [-7.62, 33.58], [-7.62, 33.56]]
    return make_polygon_district("maarif", "Maârif", "المعاريف", "Maarif", ring)


@pytest.fixture
def batch(relay, district):
    batch = create_batch(relay.user, district)
    db.session.commit()
    return batch


def _form(category, **fields):
    data = {
        "channel": "paper",
        "resident_name": "F. Z.",
        "title": "Un passage piéton devant l'école",
        "description": "Les enfants traversent le boulevard sans passage protégé à la sortie.",
        "category": category.slug,
        "place_label": "",
        "language": "fr",
        "consent": "y",
    }
    data.update(fields)
    return data


def _enter(client, auth, relay, data):
    db.session.commit()
    auth.login_as(relay.user)
    return client.post("/relays/enter", data=data)


def _ideas():
    return db.session.scalars(select(Idea)).all()


def test_the_entry_form_offers_the_map_picker_closed_and_without_geolocation(client, auth, relay, batch):
    db.session.commit()
    auth.login_as(relay.user)
    page = client.get(f"/relays/enter?code={batch.code}").get_data(as_text=True)
    assert 'id="propose-map"' in page and 'name="lat"' in page and 'name="lng"' in page
    assert "js/propose.js" in page
    # Closed, so that Tab goes past it; the device's location is the office's, not the place.
    assert '<details class="location-option pin-option">' in page
    assert "data-label-locate=" not in page
    assert "type the latitude and longitude of the marked place" in page


def test_a_pin_inside_the_forms_district_places_the_idea_exactly(
    client, auth, relay, category, district, batch
):
    lat, lng = INSIDE_ANFA
    response = _enter(client, auth, relay, _form(category, code=batch.code, lat=lat, lng=lng))
    assert response.status_code == 302, response.get_data(as_text=True)
    (idea,) = _ideas()
    assert (idea.lat, idea.lng) == (33.59, -7.645)
    assert idea.approximate is False and idea.district_id == district.id
    assert idea.assisted.batch_id == batch.id


def test_without_a_pin_the_district_and_words_place_the_idea_approximately(
    client, auth, relay, category, district, batch
):
    data = _form(category, code=batch.code, place_label="Devant l'école Ibn Battouta")
    assert _enter(client, auth, relay, data).status_code == 302
    (idea,) = _ideas()
    assert idea.approximate is True and (idea.lat, idea.lng) == (district.center_lat, district.center_lng)
    assert idea.place_label == "Devant l'école Ibn Battouta"


def test_without_a_pin_the_place_must_be_described(client, auth, relay, category, batch):
    response = _enter(client, auth, relay, _form(category, code=batch.code))
    assert response.status_code == 400
    assert "Describe the place in a few words." in response.get_data(as_text=True)
    assert _ideas() == []


def test_a_pin_outside_the_forms_district_is_refused(client, auth, admin, category, district, maarif):
    # A relay for the whole city, with a batch printed for Anfa: the pin must stay in Anfa.
    relay = grant_relay(admin, make_user(email="city@example.org"), "Arrondissement", [])
    batch = create_batch(relay.user, district)
    response = _enter(client, auth, relay, _form(category, code=batch.code, lat="33.570", lng="-7.600"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This point is outside the form's district: place it inside" in page
    # The picker opens on the error, with the pin typed kept.
    assert '<details class="location-option pin-option" open>' in page and 'value="33.570"' in page
    assert _ideas() == []


def test_a_pin_outside_the_relays_districts_is_refused(client, auth, relay, category, maarif):
    response = _enter(client, auth, relay, _form(category, lat="33.570", lng="-7.600"))
    assert response.status_code == 400
    assert "This point is outside your districts." in response.get_data(as_text=True)
    assert _ideas() == []


def test_a_pin_alone_finds_its_district(client, auth, relay, category, district):
    lat, lng = INSIDE_ANFA
    assert _enter(client, auth, relay, _form(category, lat=lat, lng=lng)).status_code == 302
    (idea,) = _ideas()
    assert idea.district_id == district.id and idea.approximate is False


def test_a_pin_outside_the_city_is_refused(client, auth, relay, category, batch):
    response = _enter(client, auth, relay, _form(category, code=batch.code, lat="48.8566", lng="2.3522"))
    assert response.status_code == 400
    assert "outside the area Agora covers" in response.get_data(as_text=True)
    assert _ideas() == []


@pytest.mark.parametrize(
    ("lat", "lng", "message"),
    [
        ("33.59", "", "Give both latitude and longitude, or neither."),
        ("nord", "-7.64", "Enter a number, such as 33.5731."),
        ("95", "-7.64", "Enter a latitude between -90 and 90."),
    ],
)
def test_a_badly_typed_pin_is_told_and_nothing_saved(client, auth, relay, category, batch, lat, lng, message):
    response = _enter(client, auth, relay, _form(category, code=batch.code, lat=lat, lng=lng))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _ideas() == []


@pytest.mark.parametrize(
    ("lang", "message"),
    [("fr", "Ce point est en dehors du quartier du formulaire"), ("ar", "هذه النقطة خارج حي الاستمارة")],
)
def test_the_refusal_is_translated(client, auth, admin, category, district, maarif, lang, message):
    relay = grant_relay(admin, make_user(email="city@example.org"), "Arrondissement", [])
    batch = create_batch(relay.user, district)
    db.session.commit()
    with client.session_transaction() as session:
        session["lang"] = lang
    response = _enter(client, auth, relay, _form(category, code=batch.code, lat="33.570", lng="-7.600"))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
