"""GET /api/v1/ideas.geojson: exact clusters, at most ~500 features, filters and permissions."""

import pytest

from app.extensions import db as _db
from app.mapindex import queries as map_queries
from app.mapindex.queries import MapFilter, map_view
from tests.factories import make_category, make_idea
from tests.mapindex.helpers import CITY, expected, random_ideas

URL = "/api/v1/ideas.geojson"
BOXES = [
    (CITY, 11),
    ((-7.66, 33.57, -7.59, 33.61), 13),
    ((-7.633, 33.588, -7.6055, 33.601), 15),
    ((-7.625, 33.585, -7.615, 33.592), 17),
    ((-7.70, 33.50, -7.62, 33.59), 12),
    ((-180, -85, 180, 85), 3),
]


def _accounted(view):
    return sum(c.count for c in view.clusters) + len(view.idea_ids)


@pytest.fixture
def small_pages(monkeypatch):
    # Few ideas suffice to exercise clustering when a response may carry only 25 points.
    monkeypatch.setattr(map_queries, "MAX_FEATURES", 25)


@pytest.mark.parametrize(("bbox", "zoom"), BOXES)
def test_clusters_and_points_add_up_to_the_ideas_in_the_box(db, small_pages, bbox, zoom):
    ideas, categories, districts = random_ideas(400)
    for flt, wanted in (
        (MapFilter(), expected(bbox)),
        (MapFilter(category_id=categories[1].id), expected(bbox, category=categories[1])),
        (MapFilter(district_id=districts[0].id), expected(bbox, district=districts[0])),
        (MapFilter(status="pending"), expected(bbox, status="pending")),
        (MapFilter(q="banc"), expected(bbox, q="banc")),
    ):
        view = map_view(db.session.connection(), bbox, zoom, flt)
        assert _accounted(view) == len(wanted), flt
        assert set(view.idea_ids) <= wanted
        west, south, east, north = bbox
        for cluster in view.clusters:
            w, s, e, n = cluster.bbox
            assert west <= w <= cluster.lng <= e <= east and south <= s <= cluster.lat <= n <= north


def test_counts_stay_exact_after_moderation_and_moves(db, small_pages):
    ideas, _, _ = random_ideas(300, seed=11)
    db.session.commit()
    for idea in ideas[:40]:
        idea.status = "hidden"
    for idea in ideas[40:60]:
        idea.lng += 0.02
    for idea in ideas[60:70]:
        db.session.delete(idea)
    db.session.commit()
    for bbox, zoom in BOXES[:4]:
        view = map_view(db.session.connection(), bbox, zoom, MapFilter())
        assert _accounted(view) == len(expected(bbox))


def test_a_response_never_carries_more_than_500_features(db, client):
    from app.demo.synthetic import seed_synthetic_ideas

    seed_synthetic_ideas(3000, CITY, seed=2)
    db.session.commit()
    for bbox, zoom in [(CITY, z) for z in (0, 8, 11, 14, 17, 20)] + [((-180, -85, 180, 85), 20)]:
        bbox_arg = ",".join(str(v) for v in bbox)
        features = client.get(f"{URL}?bbox={bbox_arg}&zoom={zoom}").get_json(force=True)["features"]
        assert 0 < len(features) <= 500
        assert sum(f["properties"].get("count", 1) for f in features) == 3000


def test_zoomed_in_ideas_come_as_points_with_their_details(db, client):
    category = make_category(slug="street-lamps", en="Street lamps", fr="Lampadaires")
    idea = make_idea(category=category, title="Des lampadaires rue Allal", lng=-7.6201, lat=33.5911)
    db.session.commit()
    response = client.get(f"{URL}?bbox=-7.63,33.58,-7.61,33.60&zoom=16&lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    [feature] = response.get_json(force=True)["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-7.6201, 33.5911]}
    assert feature["properties"] == {
        "id": idea.id,
        "title": "Des lampadaires rue Allal",
        "category": "street-lamps",
        "category_name": "Street lamps",
        "color": category.color,
        "support_count": 0,
        "url": f"/ideas/{idea.id}",
        "approximate": False,
        "answer": None,
        "photo": None,
        "thumbnail": None,
        "language": "fr",
    }


def test_points_carry_the_citys_answer_in_the_readers_language_and_the_photo(db, client):
    idea = make_idea(title="Un abri", lng=-7.6201, lat=33.5911)
    idea.public_status = "planned"
    idea.photo = "abri.jpg"
    db.session.commit()
    for lang, answer in (("en", "Planned"), ("fr", "Programmée"), ("ar", "مبرمجة")):
        [feature] = client.get(f"{URL}?bbox=-7.63,33.58,-7.61,33.60&zoom=16&lang={lang}").get_json(
            force=True
        )["features"]
        assert feature["properties"]["answer"] == answer
        assert feature["properties"]["photo"] == f"/ideas/{idea.id}/photo"
        assert feature["properties"]["thumbnail"] == f"/ideas/{idea.id}/thumbnail"


def test_only_published_ideas_offer_a_thumbnail_the_others_have_none(db, client, auth):
    idea = make_idea(title="En attente", lng=-7.6201, lat=33.5911, status="pending")
    idea.photo = "attente.jpg"
    auth.login(role="moderator")
    [feature] = client.get(f"{URL}?bbox=-7.63,33.58,-7.61,33.60&zoom=16&status=pending").get_json(force=True)[
        "features"
    ]
    assert feature["properties"]["photo"] == f"/ideas/{idea.id}/photo"
    assert feature["properties"]["thumbnail"] is None


def test_zoomed_out_ideas_come_as_clusters_with_count_and_extent(db, client):
    from app.demo.synthetic import seed_synthetic_ideas

    seed_synthetic_ideas(1200, CITY, seed=9)
    db.session.commit()
    collection = client.get(f"{URL}?bbox=-7.80,33.45,-7.35,33.68&zoom=11").get_json(force=True)
    assert collection["type"] == "FeatureCollection"
    clusters = [f for f in collection["features"] if f["properties"].get("cluster")]
    assert clusters
    for feature in clusters:
        props = feature["properties"]
        assert set(props) == {"cluster", "count", "bbox"} and props["count"] > 1
        w, s, e, n = props["bbox"]
        lng, lat = feature["geometry"]["coordinates"]
        assert w <= lng <= e and s <= lat <= n


def test_unpublished_and_unplaced_ideas_stay_off_the_public_map(db, client):
    make_idea(status="pending", lng=-7.62, lat=33.59)
    make_idea(status="published", lng=None, lat=None)
    shown = make_idea(status="published", lng=-7.62, lat=33.59)
    db.session.commit()
    features = client.get(f"{URL}?bbox={','.join(map(str, CITY))}&zoom=12").get_json(force=True)["features"]
    assert [f["properties"]["id"] for f in features] == [shown.id]


@pytest.mark.parametrize("role", [None, "citizen"])
def test_other_statuses_are_refused_to_visitors_and_citizens(db, client, auth, role):
    if role:
        auth.login(role=role)
    response = client.get(f"{URL}?bbox={','.join(map(str, CITY))}&zoom=12&status=pending&lang=en")
    assert response.status_code == 403
    assert response.get_json()["message"] == "Only moderators can see ideas that are not published."


def test_moderators_see_pending_ideas_uncached(db, client, auth):
    pending = make_idea(status="pending", lng=-7.62, lat=33.59)
    make_idea(status="published", lng=-7.62, lat=33.59)
    auth.login(role="moderator")
    response = client.get(f"{URL}?bbox={','.join(map(str, CITY))}&zoom=12&status=pending")
    assert response.status_code == 200
    assert [f["properties"]["id"] for f in response.get_json(force=True)["features"]] == [pending.id]
    assert response.headers["Cache-Control"] == "private, no-store"


def test_filters_by_category_district_and_title(db, client):
    ideas, categories, districts = random_ideas(60)
    db.session.commit()
    box = ",".join(map(str, CITY))
    for query, wanted in (
        (f"category={categories[0].slug}", expected(CITY, category=categories[0])),
        (f"district={districts[1].slug}", expected(CITY, district=districts[1])),
        ("q=BANC", expected(CITY, q="banc")),
        (f"q=banc&category={categories[2].slug}", expected(CITY, q="banc", category=categories[2])),
    ):
        features = client.get(f"{URL}?bbox={box}&zoom=12&{query}").get_json(force=True)["features"]
        assert {f["properties"]["id"] for f in features} == wanted, query


def test_responses_are_cacheable_briefly_and_revalidate_with_an_etag(db, client):
    make_idea(lng=-7.62, lat=33.59)
    db.session.commit()
    url = f"{URL}?bbox={','.join(map(str, CITY))}&zoom=12"
    first = client.get(url)
    assert first.headers["Cache-Control"] == "public, max-age=30"
    assert first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    make_idea(lng=-7.61, lat=33.58)
    _db.session.commit()
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 200


def test_a_text_search_with_sql_wildcards_matches_them_literally(db, client):
    make_idea(title="100% ombre", lng=-7.62, lat=33.59)
    make_idea(title="Ombre partout", lng=-7.62, lat=33.59)
    db.session.commit()
    features = client.get(f"{URL}?bbox={','.join(map(str, CITY))}&zoom=12&q=100%25").get_json(force=True)
    assert [f["properties"]["title"] for f in features["features"]] == ["100% ombre"]


@pytest.mark.parametrize(("bbox", "zoom"), BOXES[:4])
def test_a_text_search_over_a_crowded_box_stays_exact(db, monkeypatch, bbox, zoom):
    monkeypatch.setattr(map_queries, "MAX_FEATURES", 25)
    random_ideas(400)
    for q in ("banc", "arbre 1", "b", "ar ba"):
        view = map_view(db.session.connection(), bbox, zoom, MapFilter(q=q))
        assert _accounted(view) == len(expected(bbox, q=q))
