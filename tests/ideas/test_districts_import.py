"""`flask districts import`: a valid file creates or updates districts; a bad one changes nothing."""

import json

from sqlalchemy import func, select

from app.ideas.districts import district_for_point
from app.ideas.models import District
from tests.factories import make_idea
from tests.ideas.helpers import district_document, square


def _write(tmp_path, document, name="districts.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _count(db):
    return db.session.scalar(select(func.count(District.id)))


def test_import_creates_districts_with_names_bbox_and_centre(runner, db, tmp_path):
    path = _write(tmp_path, district_document(("anfa", "Anfa", (-7.70, 33.56, -7.64, 33.60))))
    result = runner.invoke(args=["districts", "import", path])
    assert result.exit_code == 0, result.output
    assert "1 district created" in result.output
    district = db.session.scalar(select(District).where(District.slug == "anfa"))
    assert (district.name_fr, district.name_ar, district.name_en) == ("Anfa", "Anfa ar", "Anfa en")
    assert (district.min_lng, district.min_lat, district.max_lng, district.max_lat) == (
        -7.70,
        33.56,
        -7.64,
        33.60,
    )
    assert abs(district.center_lat - 33.58) < 1e-9 and abs(district.center_lng + 7.67) < 1e-9
    assert not district.is_illustrative


def test_import_again_updates_by_slug_and_reassigns_ideas(runner, db, tmp_path):
    runner.invoke(
        args=[
            "districts",
            "import",
            _write(tmp_path, district_document(("anfa", "Anfa", (-7.70, 33.56, -7.64, 33.60)))),
        ]
    )
    idea = make_idea(lat=33.59, lng=-7.62)
    db.session.commit()
    assert idea.district_id is None
    bigger = district_document(("anfa", "Anfa (grand)", (-7.70, 33.56, -7.60, 33.60)))
    result = runner.invoke(args=["districts", "import", _write(tmp_path, bigger, "b.geojson")])
    assert result.exit_code == 0, result.output
    assert "0 districts created, 1 district updated, 1 idea moved into these districts" in result.output
    db.session.expire_all()
    assert _count(db) == 1
    assert idea.district.name_fr == "Anfa (grand)"


def test_names_come_from_chosen_properties_or_plain_name(runner, db, tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"NOM": "Maârif", "NOM_AR": "المعاريف"},
                "geometry": {"type": "Polygon", "coordinates": [square(-7.65, 33.55, -7.62, 33.58)]},
            },
            {
                "type": "Feature",
                "properties": {"name": "Hay Hassani"},
                "geometry": {"type": "MultiPolygon", "coordinates": [[square(-7.70, 33.53, -7.66, 33.56)]]},
            },
        ],
    }
    result = runner.invoke(
        args=[
            "districts",
            "import",
            _write(tmp_path, document),
            "--name-property",
            "NOM",
            "--name-property-ar",
            "NOM_AR",
        ]
    )
    assert result.exit_code == 0, result.output
    maarif = db.session.scalar(select(District).where(District.slug == "maarif"))
    assert (maarif.name_fr, maarif.name_ar, maarif.name_en) == ("Maârif", "المعاريف", "Maârif")
    assert db.session.scalar(select(District).where(District.slug == "hay-hassani")).name_ar == "Hay Hassani"


def test_a_bad_feature_rejects_the_whole_file_and_changes_nothing(runner, db, tmp_path):
    runner.invoke(
        args=[
            "districts",
            "import",
            _write(tmp_path, district_document(("anfa", "Anfa", (-7.70, 33.56, -7.64, 33.60)))),
        ]
    )
    document = district_document(
        ("anfa", "Anfa renamed", (-7.70, 33.56, -7.60, 33.60)), ("derb", "Derb", (-7.62, 33.55, -7.59, 33.58))
    )
    document["features"].append(
        {
            "type": "Feature",
            "properties": {"name": "Broken"},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]},
        }
    )
    document["features"].append(
        {
            "type": "Feature",
            "properties": {"name": "Dot"},
            "geometry": {"type": "Point", "coordinates": [0, 0]},
        }
    )
    result = runner.invoke(args=["districts", "import", _write(tmp_path, document, "bad.geojson")])
    assert result.exit_code != 0
    assert "feature 3 (Broken)" in result.output and "feature 4 (Dot)" in result.output
    assert "nothing imported" in result.output
    db.session.expire_all()
    assert _count(db) == 1
    assert db.session.scalar(select(District.name_fr)) == "Anfa"


def test_files_that_are_not_feature_collections_are_refused(runner, db, tmp_path):
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    assert "not readable JSON" in runner.invoke(args=["districts", "import", str(bad_json)]).output
    point = _write(tmp_path, {"type": "Point", "coordinates": [0, 0]})
    assert "not a GeoJSON FeatureCollection" in runner.invoke(args=["districts", "import", point]).output
    assert _count(db) == 0


def test_duplicate_slugs_and_missing_names_are_reported(runner, db, tmp_path):
    document = district_document(
        ("anfa", "Anfa", (-7.70, 33.56, -7.64, 33.60)), ("anfa", "Anfa bis", (-7.60, 33.56, -7.58, 33.60))
    )
    document["features"].append(
        {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "Polygon", "coordinates": [square(0, 0, 1, 1)]},
        }
    )
    output = runner.invoke(args=["districts", "import", _write(tmp_path, document)]).output
    assert "slug 'anfa' appears twice" in output
    assert "feature 3: no name" in output
    assert _count(db) == 0


def test_every_point_gets_the_district_it_falls_in(runner, db, tmp_path):
    runner.invoke(
        args=[
            "districts",
            "import",
            _write(
                tmp_path,
                district_document(
                    ("west", "West", (-7.65, 33.55, -7.62, 33.58)),
                    ("east", "East", (-7.62, 33.55, -7.59, 33.58)),
                ),
            ),
        ]
    )
    assert district_for_point(33.56, -7.64).slug == "west"
    assert district_for_point(33.56, -7.60).slug == "east"
    assert district_for_point(33.70, -7.60) is None
