"""Proposing an idea: with a pin, with a district and words, inside the service area only."""

import pytest
from sqlalchemy import func, select

from app.ideas.models import Idea
from tests.factories import make_category, make_idea, make_user
from tests.ideas.helpers import make_districts, proposal


def _ideas(db):
    db.session.expire_all()
    return db.session.scalars(select(Idea).order_by(Idea.id)).all()


def _count(db):
    return db.session.scalar(select(func.count(Idea.id)))


def test_a_pin_places_the_idea_exactly_and_finds_its_district(client, db, auth):
    make_districts()
    category = make_category()
    user = auth.login()
    response = client.post("/ideas/new?lang=en", data=proposal(category))
    assert response.status_code == 302
    [idea] = _ideas(db)
    assert (idea.lat, idea.lng, idea.approximate) == (33.565, -7.63, False)
    assert idea.district.slug == "maarif"
    assert idea.author_id == user.id and idea.status == "pending" and idea.language == "en"
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}")


def test_without_a_map_a_district_and_words_place_it_approximately_at_the_centre(client, db, auth):
    make_districts()
    category = make_category()
    auth.login()
    data = proposal(category, lat="", lng="", district="derb", place_label="Devant le marché")
    assert client.post("/ideas/new", data=data).status_code == 302
    [idea] = _ideas(db)
    assert idea.approximate is True
    assert idea.district.slug == "derb"
    assert (round(idea.lat, 6), round(idea.lng, 6)) == (33.565, -7.605)
    assert idea.place_label == "Devant le marché"
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Approximate location" in page


def test_district_without_words_asks_to_describe_the_place(client, db, auth):
    make_districts()
    category = make_category()
    auth.login()
    response = client.post("/ideas/new?lang=en", data=proposal(category, lat="", lng="", district="derb"))
    assert response.status_code == 400
    assert 'id="place_label-error"' in response.get_data(as_text=True)
    assert _count(db) == 0


def test_no_location_at_all_is_an_error_next_to_the_location(client, db, auth):
    category = make_category()
    auth.login()
    response = client.post("/ideas/new?lang=en", data=proposal(category, lat="", lng=""))
    assert response.status_code == 400
    assert "Place the idea on the map, or choose a district" in response.get_data(as_text=True)
    assert _count(db) == 0


def test_a_point_outside_the_service_area_is_refused_with_a_clear_error(client, db, auth):
    category = make_category()
    auth.login()
    response = client.post("/ideas/new?lang=en", data=proposal(category, lat="34.0209", lng="-6.8416"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="lat-error"' in page and "outside the area Agora covers" in page
    assert _count(db) == 0


def test_service_area_can_come_from_a_polygon_file(app, client, db, auth, tmp_path):
    import json

    path = tmp_path / "area.geojson"
    ring = [[-7.64, 33.56], [-7.62, 33.56], [-7.62, 33.58], [-7.64, 33.58], [-7.64, 33.56]]
    path.write_text(json.dumps({"type": "Polygon", "coordinates": [ring]}))
    app.config["SERVICE_AREA_FILE"] = str(path)
    category = make_category()
    auth.login()
    assert client.post("/ideas/new", data=proposal(category, lat="33.50", lng="-7.60")).status_code == 400
    assert client.post("/ideas/new", data=proposal(category, lat="33.57", lng="-7.63")).status_code == 302
    assert _count(db) == 1


def test_bad_coordinates_and_half_a_point_are_field_errors(client, db, auth):
    category = make_category()
    auth.login()
    page = client.post("/ideas/new?lang=en", data=proposal(category, lat="north", lng="-7.6")).get_data(
        as_text=True
    )
    assert "Enter a number" in page
    page = client.post("/ideas/new?lang=en", data=proposal(category, lng="")).get_data(as_text=True)
    assert "Give both latitude and longitude" in page
    page = client.post("/ideas/new?lang=en", data=proposal(category, lat="95")).get_data(as_text=True)
    assert "latitude between -90 and 90" in page
    assert _count(db) == 0


def test_missing_title_and_unknown_category_store_nothing(client, db, auth):
    make_category()
    auth.login()
    data = {"title": "", "description": "short", "category": "no-such", "lat": "33.56", "lng": "-7.63"}
    response = client.post("/ideas/new?lang=en", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give your idea a title." in page and 'id="category-error"' in page
    assert _count(db) == 0


def test_inactive_categories_are_not_offered(client, db, auth):
    category = make_category()
    category.is_active = False
    auth.login()
    db.session.commit()
    assert client.post("/ideas/new", data=proposal(category)).status_code == 400
    assert _count(db) == 0


def test_unverified_and_blocked_users_cannot_propose(client, db, auth):
    category = make_category()
    auth.login(verified=False)
    assert client.get("/ideas/new").status_code == 403
    assert client.post("/ideas/new", data=proposal(category)).status_code == 403
    blocked = make_user()
    blocked.is_blocked = True
    db.session.commit()
    auth.login_as(blocked)
    assert client.post("/ideas/new", data=proposal(category)).status_code == 403
    assert _count(db) == 0


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/ideas/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_without_premoderation_ideas_publish_at_once(app, client, db, auth):
    app.config["PREMODERATION"] = False
    category = make_category()
    auth.login()
    client.post("/ideas/new", data=proposal(category))
    [idea] = _ideas(db)
    assert idea.status == "published" and idea.published_at is not None
    assert "Un abri pour l&#39;arrêt de bus" in client.get("/ideas").get_data(as_text=True)


def test_pending_ideas_stay_off_the_public_list(client, db, auth):
    category = make_category()
    auth.login()
    client.post("/ideas/new", data=proposal(category))
    auth.logout()
    assert "Un abri pour" not in client.get("/ideas").get_data(as_text=True)


def test_similar_published_idea_nearby_is_shown_before_saving(client, db, auth):
    category = make_category()
    existing = make_idea(title="Un abri à l'arrêt de bus", lat=33.5652, lng=-7.6302, category=category)
    make_idea(title="Un abri à l'arrêt de bus", lat=33.60, lng=-7.60, category=category)  # 5 km away
    make_idea(title="Nettoyer le jardin public", lat=33.5651, lng=-7.6301, category=category)
    auth.login()
    response = client.post("/ideas/new?lang=en", data=proposal(category))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Is your idea already here? Support it instead." in page
    assert f'href="/ideas/{existing.id}"' in page
    assert page.count('class="idea-card"') == 1
    assert 'name="confirmed" type="hidden" value="1"' in page
    assert _count(db) == 3
    confirmed = client.post("/ideas/new", data=proposal(category, confirmed="1"))
    assert confirmed.status_code == 302
    assert _count(db) == 4


def test_no_hint_when_nothing_similar_is_near(client, db, auth):
    category = make_category()
    make_idea(title="Éclairer la ruelle", lat=33.5652, lng=-7.6302, category=category, status="published")
    auth.login()
    assert client.post("/ideas/new", data=proposal(category)).status_code == 302


def test_the_proposal_map_outlines_the_service_area_and_embeds_no_idea(client, db, auth):
    make_idea(title="Existing neighbour idea")
    auth.login()
    page = client.get("/ideas/new?lang=en").get_data(as_text=True)
    assert "L.polygon(" in page and "[33.45, -7.8]" in page
    assert "Existing neighbour idea" not in page
    assert 'id="lat"' in page and 'id="district"' in page and 'id="place_label"' in page


@pytest.mark.committing  # a second app, on its own connection
def test_proposals_are_rate_limited_per_author(app, app_config, db):
    from app import create_app
    from tests.conftest import Auth, IsolatedClient

    limited = create_app(
        type("Limited", (app_config,), {"RATELIMIT_ENABLED": True, "RATELIMIT_PROPOSE": "2 per hour"})
    )
    limited.test_client_class = IsolatedClient
    with limited.app_context():
        category = make_category()
        author = make_user()
        db.session.commit()
        client = limited.test_client()
        Auth(client).login_as(author)
        statuses = [
            client.post(
                "/ideas/new", data=proposal(category, title=f"Idée numéro {n}", confirmed="1")
            ).status_code
            for n in range(3)
        ]
        assert statuses == [302, 302, 429]
        assert _count(db) == 2
        db.session.remove()
