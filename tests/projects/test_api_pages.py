"""The API's project list comes by cursor pages like the ideas; the open-data downloads stay whole."""

import csv
import io

import pytest

from app.projects import services
from tests.projects.conftest import draft
from tests.publicapi.test_openapi import _document, _validator


def _make(manager, count, status="study", district=None):
    ids = []
    for n in range(count):
        titles = {"fr": f"Projet {status} {n}", "ar": "", "en": ""}
        made = services.create_project(
            manager, draft(titles=titles, district_ids=[district.id] if district else []), status
        )
        ids.append(made.id)
    return ids


def _walk(client, query):
    """Every page of /api/v1/projects?{query}, following next_cursor: a list of id lists."""
    pages, cursor = [], None
    while True:
        url = f"/api/v1/projects?{query}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(url)
        assert response.status_code == 200
        body = response.get_json()
        pages.append([p["id"] for p in body["projects"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


def test_first_page_holds_twenty_and_links_the_rest(client, db, manager, city):
    ids = _make(manager, 23)
    db.session.commit()
    first = client.get("/api/v1/projects").get_json()
    assert [p["id"] for p in first["projects"]] == ids[:20]
    assert first["next_cursor"]
    last = client.get(f"/api/v1/projects?cursor={first['next_cursor']}").get_json()
    assert [p["id"] for p in last["projects"]] == ids[20:]
    assert last["next_cursor"] is None
    for page in (first, last):
        _validator(_document(client), "/projects", 200).validate(page)


def test_limit_pages_walk_every_project_once_and_the_last_page_says_so(client, db, manager, city):
    ids = _make(manager, 5)
    db.session.commit()
    assert _walk(client, "limit=2") == [ids[0:2], ids[2:4], ids[4:5]]
    # A page that ends exactly with the last project links to nothing more.
    assert _walk(client, "limit=5") == [ids]
    assert _walk(client, "limit=100") == [ids]


def test_a_project_created_between_two_pages_neither_repeats_nor_hides_one(client, db, manager, city):
    ids = _make(manager, 4)
    db.session.commit()
    first = client.get("/api/v1/projects?limit=2").get_json()
    (newer,) = _make(manager, 1)
    db.session.commit()
    rest = client.get(f"/api/v1/projects?limit=2&cursor={first['next_cursor']}").get_json()
    assert [p["id"] for p in rest["projects"]] == ids[2:4]
    after = client.get(f"/api/v1/projects?limit=2&cursor={rest['next_cursor']}").get_json()
    assert [p["id"] for p in after["projects"]] == [newer] and after["next_cursor"] is None


def test_filters_are_kept_on_every_page(client, db, manager, city):
    wanted = _make(manager, 3, "works", city["district"])
    _make(manager, 2, "works")
    _make(manager, 2, "study", city["district"])
    wanted += _make(manager, 2, "works", city["district"])
    db.session.commit()
    pages = _walk(client, "status=works&district=sidi-belyout&limit=2")
    assert pages == [wanted[0:2], wanted[2:4], wanted[4:5]]
    for project in client.get("/api/v1/projects?status=works&limit=100").get_json()["projects"]:
        assert project["status"] == "works"
    assert sum(map(len, _walk(client, "status=works&limit=3"))) == 7


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("cursor=notacursor", "The cursor is not valid for this list"),
        ("cursor=", "The cursor is not valid for this list"),
        ("limit=0", "limit must be a whole number from 1 to 100."),
        ("limit=101", "limit must be a whole number from 1 to 100."),
        ("limit=two", "limit must be a whole number from 1 to 100."),
        ("page=2", "Unknown parameter “page”. Known parameters: status, district, cursor, limit."),
    ],
)
def test_a_bad_page_parameter_gets_a_400_json_saying_what_is_wrong(client, project, query, message):
    response = client.get(f"/api/v1/projects?lang=en&{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert message in response.get_json()["message"]
    french = client.get(f"/api/v1/projects?lang=fr&{query}").get_json()["message"]
    assert french != response.get_json()["message"]


def test_a_cursor_of_the_idea_list_is_refused(client, db, manager, city):
    _make(manager, 1)
    db.session.commit()
    cursor = client.get("/api/v1/ideas?limit=1&sort=newest").get_json()["next_cursor"]
    response = client.get(f"/api/v1/projects?cursor={cursor}&lang=en")
    assert response.status_code == 400 and "cursor" in response.get_json()["message"]
    project_cursor = client.get("/api/v1/projects").get_json()["next_cursor"]
    assert project_cursor is None


def test_open_data_downloads_hold_every_project_not_a_page(client, db, manager, city):
    ids = _make(manager, 25)
    db.session.commit()
    text = client.get("/open-data/projects.csv").get_data(as_text=True).lstrip("\ufeff")
    assert [int(r["id"]) for r in csv.DictReader(io.StringIO(text))] == ids
    features = client.get("/open-data/projects.geojson").get_json(force=True)["features"]
    assert len(features) == 25
