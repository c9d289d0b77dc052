"""The export: one click, a ZIP of JSON files holding all of a resident's data and nothing of
anyone else's, streamed."""

import io
import json
import zipfile

import pytest

from app.privacy import export
from tests.factories import make_user
from tests.privacy.helpers import PHOTO_BYTES, make_resident


def _archive(response):
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.get_data()))


def _everything(archive):
    return b"".join(archive.read(name) for name in archive.namelist())


@pytest.fixture
def residents(app, db):
    resident = make_resident(
        app, db, "salma.export@example.org", "Salma Exportova", photo="salma.jpg", tag="S"
    )
    neighbour = make_resident(
        app, db, "karim.other@example.org", "Karim Otherson", photo="karim.jpg", tag="K"
    )
    return resident, neighbour


def test_the_archive_holds_every_kind_of_data_of_the_resident(client, auth, residents):
    resident, _neighbour = residents
    auth.login_as(resident.user)
    archive = _archive(client.get("/account/export"))
    names = set(archive.namelist())
    assert set(export.FILES) | {"README.txt", "photos/salma.jpg"} <= names

    profile = json.loads(archive.read("profile.json"))
    assert profile["email"] == "salma.export@example.org" and profile["display_name"] == "Salma Exportova"

    ideas = {idea["title"]: idea for idea in json.loads(archive.read("ideas.json"))}
    assert set(ideas) == {"Benches S", "Trees S", "Off topic S"}
    published = ideas["Benches S"]
    assert published["photo"] == "photos/salma.jpg"
    assert [step["action"] for step in published["history"]] == ["approve"]
    rejected = ideas["Off topic S"]["history"][0]
    assert rejected["reason"] == "off_topic" and rejected["message"] == "Not a municipal matter."
    assert archive.read("photos/salma.jpg") == PHOTO_BYTES

    supports = json.loads(archive.read("supports.json"))
    assert {s["idea_id"] for s in supports} == {resident.published.id, resident.supported.id}
    (report,) = json.loads(archive.read("reports.json"))
    assert report["details"] == "Reported by Salma Exportova" and report["status"] == "open"
    notifications = json.loads(archive.read("notifications.json"))
    assert {n["kind"] for n in notifications} >= {"idea_published", "idea_rejected"}
    assert all(n["text"] for n in notifications)
    (consent,) = json.loads(archive.read("consents.json"))
    assert consent["notice_version"] == "2026-12"
    assert json.loads(archive.read("logins.json"))["sign_ins_kept"] == []


def test_the_archive_holds_nothing_of_anyone_else(client, auth, residents):
    resident, neighbour = residents
    auth.login_as(resident.user)
    content = _everything(_archive(client.get("/account/export"))).decode("utf-8", "replace")
    for foreign in ("karim.other@example.org", "Karim Otherson", "karim.jpg", "Benches K"):
        assert foreign not in content
    assert "karim.jpg" not in _archive(client.get("/account/export")).namelist()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Vos données sur Agora"), ("ar", "بياناتك على أغورا"), ("en", "Your data on Agora")],
)
def test_the_readme_is_in_the_residents_language(client, auth, db, language, heading):
    user = make_user(language=language)
    db.session.commit()
    auth.login_as(user)
    readme = _archive(client.get("/account/export")).read("README.txt").decode()
    assert readme.startswith(heading)
    assert "supports.json" in readme and "consents.json" in readme


def test_the_archive_leaves_in_chunks_as_the_rows_are_read(app, db, monkeypatch):
    user = make_user()
    db.session.commit()
    monkeypatch.setattr(export, "CHUNK_BYTES", 1)
    with app.test_request_context():
        chunks = export.archive_chunks(user, app.config["UPLOAD_DIR"])
        first = next(chunks)
        assert first  # sent before the rest is built
        rest = list(chunks)
    archive = zipfile.ZipFile(io.BytesIO(first + b"".join(rest)))
    assert archive.testzip() is None
    assert len(rest) > 3


def test_export_needs_a_signed_in_resident(client):
    response = client.get("/account/export")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_account_page_offers_export_and_deletion(client, auth):
    auth.login()
    page = client.get("/account?lang=en").get_data(as_text=True)
    assert 'href="/account/export"' in page and 'href="/account/delete"' in page
