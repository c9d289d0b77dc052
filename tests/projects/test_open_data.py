"""Projects, milestones and links in the open-data downloads and the read API (as documented)."""

import csv
import io
from datetime import date

import pytest

from app.ideas.photos import process_photo
from app.projects import services
from tests.projects.conftest import draft, jpeg_bytes
from tests.publicapi.test_openapi import _document, _validator


@pytest.fixture
def busy(db, app, project, manager, city, english):
    services.update_project(
        project,
        manager,
        draft(
            district_ids=[city["district"].id],
            budget_mad=450_000,
            geometry={"type": "LineString", "coordinates": [[-7.61, 33.59], [-7.612, 33.60]]},
        ),
    )
    services.link_idea(project, manager, city["shade"], "Oui.")
    services.link_idea(project, manager, city["outcome"].idea, "Oui.", outcome=city["outcome"])
    services.add_milestone(
        project,
        manager,
        date(2027, 3, 1),
        "Plantation",
        "fr",
        [process_photo(io.BytesIO(jpeg_bytes()))],
        "after",
        upload_dir=app.config["UPLOAD_DIR"],
    )
    db.session.commit()
    return project


def _csv(client, name):
    response = client.get(f"/open-data/{name}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_projects_milestones_and_links_are_downloadable(client, busy, city):
    (row,) = _csv(client, "projects")
    assert (row["title_fr"], row["title_en"], row["status"], row["budget_mad"]) == (
        "Ombre place des Nations",
        "",
        "study",
        "450000",
    )
    assert row["districts"] == "sidi-belyout"
    assert row["ideas"].split() == [str(city["shade"].id), str(city["outcome"].idea_id)]
    (milestone,) = _csv(client, "project_milestones")
    assert milestone["text"] == "Plantation" and "/projects/photos/" in milestone["photos"]
    links = _csv(client, "project_links")
    assert [r["outcome_id"] for r in links] == ["", str(city["outcome"].id)]
    shape = client.get("/open-data/projects.geojson").get_json()["features"][0]["geometry"]
    assert shape["type"] == "LineString" and shape["coordinates"][0] == [-7.61, 33.59]
    page = client.get("/open-data?lang=en").get_data(as_text=True)
    assert "City projects" in page and "/open-data/project_links.csv" in page


def test_a_link_to_an_idea_hidden_later_is_not_published(client, db, busy, city):
    city["shade"].status = "hidden"
    db.session.commit()
    assert [r["idea_id"] for r in _csv(client, "project_links")] == [str(city["outcome"].idea_id)]
    assert _csv(client, "projects")[0]["ideas"] == str(city["outcome"].idea_id)


def test_the_download_changes_its_etag_when_a_project_changes(client, db, busy, manager, english):
    tag = client.get("/open-data/projects.csv").headers["ETag"]
    assert client.get("/open-data/projects.csv", headers={"If-None-Match": tag}).status_code == 304
    services.change_status(busy, manager, "works", "Chantier.")
    db.session.commit()
    assert client.get("/open-data/projects.csv", headers={"If-None-Match": tag}).status_code == 200


@pytest.mark.parametrize(
    ("url", "path", "status"),
    [
        ("/api/v1/projects", "/projects", 200),
        ("/api/v1/projects?status=study&district=sidi-belyout", "/projects", 200),
        ("/api/v1/projects?status=soon", "/projects", 400),
        ("/api/v1/projects?district=atlantis", "/projects", 400),
        ("/api/v1/projects?page=2", "/projects", 400),
        ("/api/v1/projects?limit=1&status=study", "/projects", 200),
        ("/api/v1/projects?cursor=zz", "/projects", 400),
        ("/api/v1/projects?limit=101", "/projects", 400),
        ("/api/v1/projects/{id}", "/projects/{project_id}", 200),
        ("/api/v1/projects/999999", "/projects/{project_id}", 404),
    ],
)
def test_api_answers_match_the_openapi_document(client, busy, url, path, status):
    document = _document(client)
    response = client.get(url.format(id=busy.id))
    assert response.status_code == status
    _validator(document, path, status).validate(response.get_json())
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_api_gives_a_project_with_its_milestones_and_timeline(client, busy, city):
    body = client.get(f"/api/v1/projects/{busy.id}").get_json()
    assert body["ideas"] == [city["shade"].id, city["outcome"].idea_id]
    assert body["geometry"]["type"] == "LineString"
    assert body["milestones"][0]["text"] == "Plantation"
    assert [c["action"] for c in body["timeline"]][:2] == ["milestone_added", "outcome_linked"]
    assert client.get("/api/v1/projects?status=works").get_json() == {"projects": [], "next_cursor": None}
