"""Snapshots: a dated immutable ZIP of every dataset with a valid Data Package descriptor."""

import csv
import io
import json
import zipfile
from datetime import datetime

import jsonschema
import pytest

from app.opendata import datasets, snapshots

# The parts of the Frictionless Data Package (v1) and Tabular Data Resource profiles a reader
# relies on, as JSON Schema: the full `frictionless` library would pull in dozens of packages.
NAME = {"type": "string", "pattern": "^[-a-z0-9._/]+$"}
FIELD_TYPES = [
    "string",
    "number",
    "integer",
    "boolean",
    "date",
    "datetime",
    "time",
    "year",
    "object",
    "array",
]
DATA_PACKAGE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["name", "resources", "licenses", "created"],
    "properties": {
        "profile": {"const": "data-package"},
        "name": NAME,
        "created": {"type": "string", "format": "date-time"},
        "licenses": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "anyOf": [{"required": ["name"]}, {"required": ["path"]}]},
        },
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "path"],
                "properties": {
                    "name": NAME,
                    "path": {"type": "string", "pattern": "^[^/][^:]*$"},
                    "mediatype": {"type": "string", "pattern": "^[a-z]+/[-a-z+.]+$"},
                    "schema": {
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type"],
                                    "properties": {"type": {"enum": FIELD_TYPES}},
                                },
                            }
                        },
                    },
                },
                "if": {
                    "properties": {"profile": {"const": "tabular-data-resource"}},
                    "required": ["profile"],
                },
                "then": {"required": ["schema"]},
            },
        },
    },
}


@pytest.fixture
def written(app, city):
    with app.test_request_context("/?lang=en"):
        return snapshots.write_snapshot(datetime(2026, 12, 4, 15, 30, 0))


def test_snapshot_holds_every_dataset_and_a_valid_descriptor(written):
    assert written.name == "agora-open-data-20261204T153000Z.zip"
    with zipfile.ZipFile(written) as archive:
        package = json.loads(archive.read("datapackage.json"))
        jsonschema.Draft202012Validator(DATA_PACKAGE, format_checker=jsonschema.FormatChecker()).validate(
            package
        )
        names = set(archive.namelist())
        assert {r["path"] for r in package["resources"]} | {"datapackage.json"} == names
        for resource in package["resources"]:
            body = archive.read(resource["path"]).decode(resource["encoding"])
            if "schema" in resource:
                header = next(csv.reader(io.StringIO(body)))
                assert header == [f["name"] for f in resource["schema"]["fields"]]
            else:
                assert json.loads(body)["type"] == "FeatureCollection"
        ideas = archive.read("ideas.csv").decode("utf-8-sig")
        assert "ظل في الساحة" in ideas and "secret" not in ideas
    assert package["licenses"] == [
        {"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/"}
    ]
    assert len(package["resources"]) == sum(len(d.formats) for d in datasets.catalogue())


def test_snapshot_is_read_only_and_never_overwritten(app, written):
    assert written.stat().st_mode & 0o222 == 0
    with app.test_request_context("/"), pytest.raises(snapshots.SnapshotExists):
        snapshots.write_snapshot(datetime(2026, 12, 4, 15, 30, 0))


def test_a_failed_snapshot_leaves_nothing_listed_or_behind(app, city, monkeypatch):
    def broken(name):
        if name == "events":
            raise RuntimeError("disk full")
        return original(name)

    original = datasets.rows_of
    monkeypatch.setattr(datasets, "rows_of", broken)
    with app.test_request_context("/"), pytest.raises(RuntimeError):
        snapshots.write_snapshot()
    with app.test_request_context("/"):
        assert snapshots.snapshot_files() == []
        assert list(snapshots.snapshot_dir().iterdir()) == []


def test_open_data_page_lists_snapshots_for_download(client, written):
    page = client.get("/open-data?lang=en").data.decode()
    assert 'href="/open-data/snapshots/agora-open-data-20261204T153000Z.zip"' in page
    response = client.get("/open-data/snapshots/agora-open-data-20261204T153000Z.zip")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert client.get("/open-data/snapshots/..%2Fsecret.zip").status_code == 404


def test_command_writes_a_snapshot(app, city, runner):
    result = runner.invoke(args=["open-data", "snapshot"])
    assert result.exit_code == 0, result.output
    with app.test_request_context("/"):
        assert len(snapshots.snapshot_files()) == 1


def _event_form(event, **changes):
    return {
        "kind": event.kind,
        "title": event.title,
        "slug": event.slug,
        "start_date": event.start_date.isoformat(),
        "theme": event.theme or "",
        "publish_directly": "y",
        **changes,
    }


def test_an_event_names_the_snapshot_its_teams_worked_from_and_links_it(client, auth, db, city, written):
    event = city["event"]
    auth.login(role="admin")
    form = client.get(f"/events/{event.slug}/edit?lang=en").get_data(as_text=True)
    assert f'<option value="{written.name}">' in form
    response = client.post(
        f"/events/{event.slug}/edit", data=_event_form(event, open_data_snapshot=written.name)
    )
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.open_data_snapshot == written.name
    page = client.get(f"/events/{event.slug}?lang=ar").get_data(as_text=True)
    assert f'href="/open-data/snapshots/{written.name}"' in page


def test_an_event_cannot_name_a_snapshot_that_does_not_exist(client, auth, db, city, written):
    event = city["event"]
    auth.login(role="admin")
    response = client.post(
        f"/events/{event.slug}/edit",
        data=_event_form(event, open_data_snapshot="agora-open-data-19990101T000000Z.zip"),
    )
    assert response.status_code == 200
    db.session.refresh(event)
    assert event.open_data_snapshot is None
