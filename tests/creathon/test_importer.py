"""Preview, all-or-nothing import, idempotent re-import and the import record."""

import hashlib
import json

import pytest
from flask import current_app

from app.creathon import importer, storage
from app.creathon.mapping import guess_mapping
from app.creathon.models import ImportRecord, Outcome
from app.creathon.options import ImportOptions
from app.creathon.readers import read_table
from app.extensions import db
from app.geometry.polygons import service_area
from app.ideas.models import Category, Idea
from tests.creathon import files


def filed_under_first():
    """Rows without a known category go under the first category, as a facilitator may choose."""
    first = db.session.scalar(db.select(Category.id).order_by(Category.position, Category.id))
    return ImportOptions(default_category=first)


def _import(event, data, name="outcomes.csv", user=None, options=None):
    table = read_table(data, name)
    record, preview = importer.import_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        user=user,
        filename=name,
        data=data,
        header=table.header,
        area=service_area(current_app.config),
        options=options or filed_under_first(),
    )
    return record, preview


def _preview(event, data, name="outcomes.csv", options=None):
    table = read_table(data, name)
    return importer.preview_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        header=table.header,
        area=service_area(current_app.config),
        options=options or filed_under_first(),
    )


def test_preview_says_what_each_row_would_do_and_writes_nothing(db, event, district):
    preview = _preview(event, files.excel_french_csv())
    assert [(r.line, r.status) for r in preview.rows] == [
        (2, "create"),
        (3, "create"),
        (4, "create"),
        (5, "create"),
    ]
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0


def test_import_creates_creathon_ideas_credited_to_team_and_event(db, event, district, category):
    record, _ = _import(event, files.excel_french_csv())
    db.session.commit()
    outcomes = db.session.scalars(db.select(Outcome).order_by(Outcome.id)).all()
    assert len(outcomes) == 4
    first = outcomes[0]
    assert (first.team, first.rank, first.external_id) == ("Équipe Darb", 1, "A1")
    idea = first.idea
    assert (idea.source, idea.author_id, idea.status) == ("creathon", None, "published")
    assert (idea.lat, idea.lng, idea.category_id) == (33.595, -7.6187, category.id)
    assert outcomes[1].idea.language == "ar"
    assert (record.created_count, record.updated_count, record.unchanged_count) == (4, 0, 0)


def test_rows_without_coordinates_are_placed_by_district_or_left_unplaced(db, event, district):
    _import(event, files.excel_french_csv())
    by_team = {o.team: o for o in db.session.scalars(db.select(Outcome))}
    placed = by_team["Équipe Wasla"]
    assert placed.idea.approximate and placed.idea.district_id == district.id
    assert (placed.idea.lat, placed.idea.lng) == (district.center_lat, district.center_lng)
    unplaced = by_team["Équipe Rasif"]
    assert unplaced.unplaced and unplaced.idea.lat is None
    assert unplaced.idea.place_label == "Rue inconnue"


def test_arabic_place_names_find_their_district(db, event, district):
    data = "العنوان;المكان\nإنارة الممرات;سيدي بليوط\n".encode()
    _import(event, data)
    idea = db.session.scalar(db.select(Idea))
    assert idea.district_id == district.id and idea.approximate


def test_one_error_row_means_nothing_is_written(db, event, district):
    rows = [list(r) for r in files.FRENCH_ROWS]
    rows[2][4], rows[2][5] = "33,59", "nord"
    data = files.excel_french_csv(rows)
    with pytest.raises(importer.ImportRejected) as rejected:
        _import(event, data)
    db.session.rollback()
    errors = rejected.value.preview.errors()
    assert errors == [{"line": 4, "message": "“nord” is not a coordinate (expected e.g. 33.5731)."}]
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0
    assert db.session.scalar(db.select(db.func.count(ImportRecord.id))) == 0


def test_reimporting_the_same_file_changes_nothing(db, event, district):
    _import(event, files.excel_french_csv())
    db.session.commit()
    ids = sorted(db.session.scalars(db.select(Idea.id)))
    record, preview = _import(event, files.excel_french_csv())
    db.session.commit()
    assert preview.counts == {"create": 0, "update": 0, "unchanged": 4, "skip": 0, "error": 0}
    assert sorted(db.session.scalars(db.select(Idea.id))) == ids
    assert record.unchanged_count == 4


def test_corrected_file_updates_the_same_outcomes(db, event, district):
    _import(event, files.excel_french_csv())
    db.session.commit()
    before = {o.external_id: o.idea_id for o in db.session.scalars(db.select(Outcome))}
    rows = [list(r) for r in files.FRENCH_ROWS]
    rows[0][1] = "Parking libre en temps réel (v2)"
    rows[3][4], rows[3][5] = "33.5731", "-7.5898"
    _, preview = _import(event, files.excel_french_csv(rows))
    db.session.commit()
    assert [r.status for r in preview.rows] == ["update", "unchanged", "unchanged", "update"]
    after = {o.external_id: o.idea_id for o in db.session.scalars(db.select(Outcome))}
    assert after == before
    assert db.session.get(Idea, before["A1"]).title == "Parking libre en temps réel (v2)"
    assert not db.session.scalar(db.select(Outcome).filter_by(external_id="A4")).unplaced


def test_without_identifier_rows_match_on_normalised_title_and_team(db, event):
    _import(event, "titre;équipe;lat;lng\nAbri de bus;Équipe A;33.57;-7.59\n".encode())
    db.session.commit()
    _, preview = _import(event, b"TITRE;EQUIPE;lat;lng\n  ABRI  de  Bus ;equipe a;33.58;-7.59\n")
    assert preview.rows[0].status == "update"
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 1


def test_duplicate_rows_in_one_file_are_errors_naming_the_first_line(db, event):
    data = b"id;titre\nX1;Abri\nX2;Banc\nx1;Autre abri\n"
    preview = _preview(event, data)
    assert preview.errors() == [{"line": 4, "message": "The identifier “x1” is already used on line 2."}]


def test_event_with_moderation_sends_outcomes_to_the_queue(db, event):
    event.publish_directly = False
    _import(event, b"titre\nAbri\n")
    idea = db.session.scalar(db.select(Idea))
    assert idea.status == "pending" and idea.published_at is None


def test_import_is_recorded_with_hash_and_original_file(db, event, app):
    data = files.excel_french_csv()
    record, _ = _import(event, data, name="../../etc/propositions.csv")
    db.session.commit()
    assert record.filename == "propositions.csv"
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert storage.import_file_path(record.stored_name).read_bytes() == data
    assert {
        "line": 5,
        "message": "No coordinates and no known district: listed, but not on the map.",
    } in json.loads(record.errors)


def test_decidim_export_and_json_are_imported(db, event):
    _, preview = _import(event, files.decidim_csv(), "decidim.csv")
    assert [r.title for r in preview.rows] == ["Pistes cyclables boulevard Zerktouni", "Abri de tramway"]
    assert preview.rows[0].identifier == "101" and preview.rows[1].unplaced
    _, preview = _import(event, files.json_file(), "export.json")
    assert preview.counts["create"] == 2


def test_latin1_and_xlsx_files_are_imported(db, event):
    _, preview = _import(event, files.latin1_csv(), "ateliers.csv")
    assert preview.rows[1].title == "Piste cyclable côtière" and preview.rows[1].team == "Équipe Vélo"
    _, preview = _import(event, files.xlsx_file(), "outcomes.xlsx")
    assert (preview.rows[0].lat, preview.rows[0].rank) == (33.5762, 1)


def test_formula_like_titles_are_stored_as_text(db, event):
    _import(event, b'titre\n"=HYPERLINK(""http://x"")"\n+212 600\n')
    titles = sorted(db.session.scalars(db.select(Idea.title)))
    assert titles == ["+212 600", '=HYPERLINK("http://x")']


def test_without_any_category_rows_are_in_error(db):
    from datetime import date

    from app.creathon import services

    db.session.execute(db.delete(Category))
    bare = services.create_event(None, "bare", title="Bare", start_date=date(2020, 1, 1))
    preview = _preview(bare, b"titre\nAbri\n", options=ImportOptions())
    assert "No category: choose a default category" in str(preview.rows[0].errors[0])
