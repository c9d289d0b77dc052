"""`flask districts import` checks boundaries with Shapely: a ring crossing itself refuses the
file (nothing written), a boundary outside the city or over another district is warned about,
and the counts say which ideas really changed district."""

import json

import pytest
from sqlalchemy import func, select

from app.ideas.models import District
from tests.factories import make_idea
from tests.ideas.helpers import district_document, square

ANFA = ("anfa", "Anfa", (-7.70, 33.56, -7.64, 33.60))
DERB = ("derb", "Derb", (-7.62, 33.55, -7.59, 33.58))
# A "bow tie": its edges cross at (-7.63, 33.57).
BOW_TIE = [[-7.66, 33.55], [-7.60, 33.59], [-7.60, 33.55], [-7.66, 33.59], [-7.66, 33.55]]


def _write(tmp_path, document, name="districts.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _feature(name, ring):
    return {
        "type": "Feature",
        "properties": {"name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _count(db):
    return db.session.scalar(select(func.count(District.id)))


def test_a_self_intersecting_ring_refuses_the_file_with_the_feature_and_where(runner, db, tmp_path):
    document = district_document(ANFA, DERB)
    document["features"].append(_feature("Nœud", BOW_TIE))
    result = runner.invoke(args=["districts", "import", _write(tmp_path, document)])
    assert result.exit_code != 0
    assert (
        "feature 3 (Nœud): the boundary crosses itself near longitude -7.63, latitude 33.57; "
        "redraw it so that no edge crosses another" in result.output
    )
    assert "nothing imported: 1 problem" in result.output
    assert _count(db) == 0


def test_the_refusal_is_translated(runner, db, tmp_path):
    document = district_document(ANFA)
    document["features"].append(_feature("Nœud", BOW_TIE))
    path = _write(tmp_path, document)
    french = runner.invoke(args=["districts", "import", path, "--lang", "fr"]).output
    assert "entité 2 (Nœud)" in french and "se croise" in french and "rien n’a été importé" in french
    arabic = runner.invoke(args=["districts", "import", path, "--lang", "ar"]).output
    assert "(Nœud)" in arabic and "crosses" not in arabic
    assert _count(db) == 0


def test_other_invalid_geometry_is_refused_with_geos_reason(runner, db, tmp_path):
    outer = square(-7.70, 33.50, -7.60, 33.60)
    hole_outside = square(-7.50, 33.50, -7.45, 33.55)
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Trouée"},
                "geometry": {"type": "Polygon", "coordinates": [outer, hole_outside]},
            }
        ],
    }
    output = runner.invoke(args=["districts", "import", _write(tmp_path, document)]).output
    assert "feature 1 (Trouée): the boundary is not a valid polygon (Hole lies outside shell)" in output
    assert _count(db) == 0


def test_swapped_coordinates_are_imported_with_a_warning(runner, db, tmp_path):
    swapped = [[lat, lng] for lng, lat in square(-7.70, 33.56, -7.64, 33.60)]
    document = {"type": "FeatureCollection", "features": [_feature("Inversé", swapped)]}
    result = runner.invoke(args=["districts", "import", _write(tmp_path, document)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: feature 1 (Inversé): lies outside the service area; "
        "its longitudes and latitudes look swapped" in result.output
    )


def test_far_away_and_partly_outside_boundaries_are_warned_about(runner, db, tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [
            _feature("Rabat", square(-6.90, 33.95, -6.80, 34.05)),
            _feature("Lisière", square(-7.85, 33.50, -7.75, 33.55)),
        ],
    }
    output = runner.invoke(args=["districts", "import", _write(tmp_path, document)]).output
    assert "feature 1 (Rabat): lies outside the service area" in output
    assert "swapped" not in output
    assert "feature 2 (Lisière): 50% of it lies outside the service area" in output


def test_overlaps_with_the_file_and_with_stored_districts_are_warned_about(runner, db, tmp_path):
    runner.invoke(args=["districts", "import", _write(tmp_path, district_document(DERB), "derb.geojson")])
    document = district_document(
        ANFA,
        ("maarif", "Maârif", (-7.66, 33.56, -7.61, 33.60)),  # over Anfa, and a little over Derb
    )
    output = runner.invoke(args=["districts", "import", _write(tmp_path, document)]).output
    assert "warning: feature 1 (Anfa): overlaps the district 'maarif' (40% of the smaller one)" in output
    assert "warning: feature 2 (Maârif): overlaps the district 'derb'" in output
    assert _count(db) == 3


def test_neighbours_sharing_a_border_are_not_overlaps(runner, db, tmp_path):
    document = district_document(
        ("west", "West", (-7.65, 33.55, -7.62, 33.58)), ("east", "East", (-7.62, 33.55, -7.59, 33.58))
    )
    output = runner.invoke(args=["districts", "import", _write(tmp_path, document)]).output
    assert "overlaps" not in output


def test_counts_say_which_ideas_really_changed(runner, db, tmp_path):
    runner.invoke(args=["districts", "import", _write(tmp_path, district_document(ANFA, DERB), "a.geojson")])
    for lat, lng in ((33.57, -7.60), (33.57, -7.61), (33.58, -7.68)):
        make_idea(lat=lat, lng=lng)
    db.session.commit()
    # A new district far from every idea: the ideas saved without their district are counted
    # apart, and none is said to be in the new district.
    far = district_document(("rabat", "Rabat", (-6.90, 33.95, -6.80, 34.05)))
    output = runner.invoke(args=["districts", "import", _write(tmp_path, far, "far.geojson")]).output
    assert (
        "1 district created, 0 districts updated, 0 ideas moved into these districts, "
        "0 ideas moved out of them, 3 other ideas whose district was out of date." in output
    )
    assert "rabat: 0 ideas inside (+0, -0)." in output
    output = runner.invoke(args=["districts", "import", _write(tmp_path, far, "far.geojson")]).output
    assert "0 ideas moved into these districts, 0 ideas moved out of them, 0 other ideas" in output
    # Derb shrinks: one idea leaves it for no district.
    smaller = district_document(("derb", "Derb", (-7.605, 33.55, -7.59, 33.58)))
    output = runner.invoke(args=["districts", "import", _write(tmp_path, smaller, "s.geojson")]).output
    assert "0 ideas moved into these districts, 1 idea moved out of them, 0 other ideas" in output
    assert "derb: 1 idea inside (+0, -1)." in output


@pytest.mark.parametrize("bad", ["bow tie", "swapped names"])
def test_nothing_is_half_imported_when_a_later_feature_is_refused(runner, db, tmp_path, bad):
    runner.invoke(args=["districts", "import", _write(tmp_path, district_document(ANFA), "a.geojson")])
    document = district_document(("anfa", "Anfa renamed", (-7.70, 33.56, -7.60, 33.60)), DERB)
    if bad == "bow tie":
        document["features"].append(_feature("Nœud", BOW_TIE))
    else:
        document["features"].append({"type": "Feature", "properties": {}, "geometry": None})
    result = runner.invoke(args=["districts", "import", _write(tmp_path, document, "b.geojson")])
    assert result.exit_code != 0
    db.session.expire_all()
    assert _count(db) == 1
    assert db.session.scalar(select(District.name_fr)) == "Anfa"


def test_malformed_rings_are_reported_in_the_chosen_language(runner, db, tmp_path):
    document = {"type": "FeatureCollection", "features": [_feature("Trait", [[-7.6, 33.5], [-7.5, 33.6]])]}
    path = _write(tmp_path, document)
    assert (
        "feature 1 (Trait): a ring needs at least four positions"
        in runner.invoke(args=["districts", "import", path]).output
    )
    french = runner.invoke(args=["districts", "import", path, "--lang", "fr"]).output
    assert "entité 1 (Trait) : un anneau doit avoir au moins quatre positions" in french
    assert _count(db) == 0
