"""Dataset downloads: valid GeoJSON, CSV that spreadsheets read safely, published ideas only."""

import csv
import io
import json

import pytest

from app.moderation.models import ModerationAction
from tests.factories import make_idea


def _csv(response):
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def _check_feature_collection(data):
    assert data["type"] == "FeatureCollection" and set(data) == {"type", "features"}
    for feature in data["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is not None:
            assert geometry["type"] in ("Point", "Polygon", "MultiPolygon")
    return data["features"]


def test_ideas_geojson_has_published_ideas_in_longitude_latitude_order(client, city):
    response = client.get("/open-data/ideas.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert "Content-Length" not in response.headers  # streamed, never gathered first
    features = _check_feature_collection(json.loads(response.data))
    by_id = {f["id"]: f for f in features}
    assert set(by_id) == {city["shade"].id, city["formula"].id, city["outcome_idea"].id}
    shade = by_id[city["shade"].id]
    assert shade["geometry"] == {"type": "Point", "coordinates": [-7.615, 33.59]}
    assert shade["properties"]["title"] == "ظل في الساحة"
    assert shade["properties"]["district"] == "sidi-belyout"
    assert shade["properties"]["supports"] == 7
    assert shade["properties"]["linked_outcomes"] == str(city["outcome_idea"].id)
    assert shade["properties"]["url"].endswith(f"/ideas/{city['shade'].id}")
    assert by_id[city["formula"].id]["geometry"] is None
    outcome = by_id[city["outcome_idea"].id]["properties"]
    assert (outcome["creathon_event"], outcome["creathon_team"], outcome["creathon_rank"]) == (
        "creathon-2018",
        "Équipe A",
        1,
    )
    assert "secret" not in response.data.decode()


def test_authors_are_never_emails_and_named_only_when_the_setting_allows(app, client, city):
    body = client.get("/open-data/ideas.geojson").data.decode()
    assert "amina@example.org" not in body and "Amina B." not in body and '"author"' not in body
    app.config["OPEN_DATA_AUTHOR_NAMES"] = True
    body = client.get("/open-data/ideas.geojson").data.decode()
    assert "Amina B." in body and "amina@example.org" not in body


def test_ideas_csv_round_trips_arabic_text_and_makes_formulas_inert(client, city):
    response = client.get("/open-data/ideas.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="agora-ideas.csv"'
    rows = {int(r["id"]): r for r in _csv(response)}
    shade = rows[city["shade"].id]
    assert shade["title"] == "ظل في الساحة"
    assert shade["description"] == '\'=HYPERLINK("http://evil")\nArbres, bancs — été'
    assert rows[city["formula"].id]["title"] == "'+33 bus"
    # Numbers are left as numbers: a western longitude is negative, not a formula.
    assert shade["longitude"] == "-7.615" and shade["latitude"] == "33.59"
    assert rows[city["formula"].id]["longitude"] == ""
    assert shade["approximate"] == "false" and shade["source"] == "citizen"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_made_inert(client, db, city, value):
    idea = make_idea(category=city["category"], title=value)
    db.session.commit()
    rows = {int(r["id"]): r for r in _csv(client.get("/open-data/ideas.csv"))}
    assert rows[idea.id]["title"] == "'" + value


def test_districts_carry_their_boundary_and_counts(client, city):
    features = _check_feature_collection(client.get("/open-data/districts.geojson").get_json(force=True))
    assert len(features) == 1
    district = features[0]
    assert district["geometry"]["type"] == "Polygon"
    assert district["geometry"]["coordinates"][0][0] == [-7.63, 33.58]
    assert district["properties"]["ideas"] == 2 and district["properties"]["supports"] == 7
    rows = _csv(client.get("/open-data/districts.csv"))
    assert rows[0]["name_ar"] == "سيدي بليوط" and rows[0]["ideas"] == "2"


def test_events_and_outcomes_link_to_their_pages_and_skip_unpublished_outcomes(client, city):
    events = _csv(client.get("/open-data/events.csv"))
    assert [(e["slug"], e["outcomes"]) for e in events] == [("creathon-2018", "1")]
    assert events[0]["url"].endswith("/events/creathon-2018")
    venue = _check_feature_collection(client.get("/open-data/events.geojson").get_json(force=True))[0]
    assert venue["geometry"]["coordinates"] == [-7.62, 33.59]
    outcomes = _csv(client.get("/open-data/outcomes.csv"))
    assert [(o["team"], o["rank"], o["idea_id"]) for o in outcomes] == [
        ("Équipe A", "1", str(city["outcome_idea"].id))
    ]
    assert outcomes[0]["url"].endswith(f"/ideas/{city['outcome_idea'].id}")


def test_moderation_figures_count_per_month_and_category(client, db, city):
    db.session.add(
        ModerationAction(idea_id=city["hidden"]["rejected"].id, action="reject", reason="off_topic")
    )
    db.session.commit()
    rows = _csv(client.get("/open-data/moderation.csv"))
    assert len(rows) == 1
    row = rows[0]
    assert row["category"] == "mobilite"
    # Seven ideas were submitted (three published, four not), one rejection recorded.
    assert (row["received"], row["published"], row["rejected"]) == ("7", "3", "1")


def test_unchanged_dataset_costs_a_304_and_a_change_a_new_tag(client, db, city):
    first = client.get("/open-data/ideas.csv")
    tag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "public, no-cache"
    again = client.get("/open-data/ideas.csv", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    since = client.get("/open-data/ideas.csv", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    city["shade"].support_count += 1
    db.session.commit()
    changed = client.get("/open-data/ideas.csv", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag


def test_unknown_datasets_and_parameters_are_refused_clearly(client, city):
    missing = client.get("/open-data/emails.csv?lang=en", headers={"Accept": "application/json"})
    assert missing.status_code == 404 and "open-data page" in missing.get_json()["message"]
    assert client.get("/open-data/moderation.geojson").status_code == 404
    bad = client.get("/open-data/ideas.csv?lang=ar&status=pending", headers={"Accept": "application/json"})
    assert bad.status_code == 400 and bad.get_json()["message"] == "لا تقبل التنزيلات أي معامل: status."
