"""Créathon imports place ideas only inside the service area's polygon, the one proposals use."""

import io
import json
import re

import pytest
from flask import current_app
from flask_babel import force_locale

from app.creathon import importer
from app.creathon.mapping import guess_mapping
from app.creathon.models import Outcome
from app.creathon.options import ImportOptions
from app.creathon.readers import read_table
from app.extensions import db
from app.geometry import polygons
from app.geometry.polygons import service_area
from app.ideas.models import Category, Idea
from app.ideas.services import LocationRejected, locate

# A "U" over central Casablanca: the notch between its arms is inside the bounding box but
# outside the city the file describes.
U_RING = [
    [-7.66, 33.55],
    [-7.58, 33.55],
    [-7.58, 33.62],
    [-7.60, 33.62],
    [-7.60, 33.57],
    [-7.64, 33.57],
    [-7.64, 33.62],
    [-7.66, 33.62],
    [-7.66, 33.55],
]
IN_ARM = ("33,6000", "-7,6500")
IN_NOTCH = ("33,6000", "-7,6200")
IN_BASE = ("33,5600", "-7,6200")


@pytest.fixture
def u_area(app, tmp_path):
    path = tmp_path / "u.geojson"
    path.write_text(json.dumps({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [U_RING]}}))
    app.config["SERVICE_AREA_FILE"] = str(path)
    yield service_area(app.config)
    polygons._AREA_CACHE.pop(str(path), None)


def _csv(*points):
    lines = ["Titre;Latitude;Longitude"]
    lines += [f"Idée {i};{lat};{lng}" for i, (lat, lng) in enumerate(points, start=1)]
    return ("\r\n".join(lines) + "\r\n").encode()


def _preview(event, data):
    table = read_table(data, "outcomes.csv")
    return importer.preview_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        header=table.header,
        area=service_area(current_app.config),
        options=ImportOptions(default_category=event_category(event)),
    )


def event_category(event):
    return db.session.scalar(db.select(Category.id).where(Category.slug == "mobilite"))


def test_the_proposal_form_and_the_import_share_one_service_area(u_area):
    assert u_area.contains(33.60, -7.65) and u_area.contains(33.56, -7.62)
    assert not u_area.contains(33.60, -7.62)
    west, south, east, north = u_area.bbox
    assert west <= -7.62 <= east and south <= 33.60 <= north
    with pytest.raises(LocationRejected):
        locate(u_area, 33.60, -7.62)


def test_a_row_inside_the_bounding_box_but_outside_the_polygon_is_refused(db, event, u_area):
    preview = _preview(event, _csv(IN_ARM, IN_NOTCH, IN_BASE))
    errors = {row.line: [str(m) for m in row.errors] for row in preview.rows}
    assert errors[2] == [] and errors[4] == []
    assert errors[3] == ["The point 33.6, -7.62 is outside the city."]
    with force_locale("fr"):
        assert [str(m) for m in preview.rows[1].errors] == ["Le point 33.6, -7.62 est en dehors de la ville."]
    with force_locale("ar"):
        assert "33.6" in str(preview.rows[1].errors[0]) and "outside" not in str(preview.rows[1].errors[0])


def test_an_import_with_a_row_outside_the_polygon_writes_nothing(db, event, u_area):
    data = _csv(IN_ARM, IN_NOTCH)
    table = read_table(data, "outcomes.csv")
    with pytest.raises(importer.ImportRejected):
        importer.import_rows(
            event,
            table.rows,
            guess_mapping(table.header),
            data=data,
            area=service_area(current_app.config),
            options=ImportOptions(default_category=event_category(event)),
        )
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_rows_inside_a_concave_area_are_imported(db, event, u_area):
    data = _csv(IN_ARM, IN_BASE)
    table = read_table(data, "outcomes.csv")
    importer.import_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        data=data,
        area=service_area(current_app.config),
        options=ImportOptions(default_category=event_category(event)),
    )
    points = db.session.execute(db.select(Idea.lat, Idea.lng).order_by(Idea.id)).all()
    assert points == [(33.6, -7.65), (33.56, -7.62)]


def test_the_preview_page_shows_the_refused_row_in_each_language(db, client, auth, event, u_area):
    auth.login(role="facilitator")
    response = client.post(
        "/events/creathon-test/import",
        data={"file": (io.BytesIO(_csv(IN_ARM, IN_NOTCH)), "outcomes.csv")},
        content_type="multipart/form-data",
    )
    token = re.search(r"/import/([A-Za-z0-9_-]+)", response.headers["Location"]).group(1)
    preview = (
        f"/events/creathon-test/import/{token}/preview?title=0&latitude=1&longitude=2"
        f"&default_category={event_category(event)}"
    )
    page = client.get(preview + "&lang=en").get_data(as_text=True)
    assert "1 row in error" in page and "is outside the city" in page and "Import these rows" not in page
    assert "en dehors de la ville" in client.get(preview + "&lang=fr").get_data(as_text=True)
