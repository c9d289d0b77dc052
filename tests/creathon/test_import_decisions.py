"""Re-imports that would duplicate, categories never guessed, Decidim's columns, lost Arabic
letters, .xls files and the choice of publication: what the facilitator sees and what is written."""

import pytest
from flask import current_app
from flask_babel import force_locale

from app.creathon import importer
from app.creathon.mapping import guess_mapping, ignored_columns
from app.creathon.models import ImportRecord, Outcome
from app.creathon.options import SKIP, ImportOptions
from app.creathon.readers import ReadError, read_table
from app.creathon.summary import summarise
from app.geometry.polygons import service_area
from app.ideas.models import Idea
from tests.creathon import files


def _run(event, data, name, options, commit=True):
    table = read_table(data, name)
    mapping = guess_mapping(table.header)
    area = service_area(current_app.config)
    if not commit:
        return importer.preview_rows(
            event, table.rows, mapping, header=table.header, area=area, options=options
        )
    _record, preview = importer.import_rows(
        event, table.rows, mapping, header=table.header, area=area, data=data, filename=name, options=options
    )
    return preview


def _count(db, model=Outcome):
    return db.session.scalar(db.select(db.func.count(model.id)))


@pytest.mark.parametrize(
    "header",
    ["id", "N°", "No", "Num", "Réf", "Référence", "reference", "رقم", "Numéro", "N° de la proposition"],
)
def test_usual_identifier_headers_are_recognised(header):
    assert guess_mapping([header, "Titre"])["identifier"] == 0


def test_a_decidim_reference_wins_over_its_database_id():
    mapping = guess_mapping(["id", "title/fr", "reference"])
    assert mapping["identifier"] == 2


SAME_FOUR = [
    ["1", "Parking libre en temps réel", "Équipe Darb"],
    ["2", "مساعد محادثة للنقل العمومي", "فريق الطريق"],
    ["3", "Coursiers de quartier", "Équipe Wasla"],
    ["4", "Carte des trottoirs", "Équipe Rasif"],
]


def test_the_same_proposals_from_a_csv_then_an_xlsx_headed_n_are_not_duplicated(db, event, category):
    options = ImportOptions(default_category=category.id)
    csv = "id;titre;équipe\n" + "\n".join(";".join(r) for r in SAME_FOUR) + "\n"
    _run(event, csv.encode(), "a.csv", options)
    db.session.commit()
    xlsx = files.xlsx_file(
        header=["N°", "Titre", "Équipe"], rows=[[int(r[0]), r[1], r[2]] for r in SAME_FOUR]
    )
    preview = _run(event, xlsx, "b.xlsx", options)
    db.session.commit()
    assert preview.counts["unchanged"] == 4 and preview.counts["create"] == 0
    assert _count(db) == 4 and _count(db, Idea) == 4


def test_rows_like_existing_outcomes_under_other_identifiers_are_announced_and_asked(db, event, category):
    options = ImportOptions(default_category=category.id)
    csv = "id;titre;équipe\n" + "\n".join(";".join(r) for r in SAME_FOUR) + "\n"
    _run(event, csv.encode(), "a.csv", options)
    db.session.commit()
    # Another file of the same proposals: other numbers, other spacing, case and accents.
    other = (
        "Référence;Titre;Equipe\n"
        "X-9;  PARKING libre en temps reel ;equipe darb\n"
        "X-10;Coursiers de quartier;\n"
        "X-11;Une idée nouvelle;Équipe Neuve\n"
    ).encode()
    preview = _run(event, other, "c.csv", options, commit=False)
    assert [row.line for row in preview.lookalikes] == [2, 3]
    assert preview.needs_decision
    blocking = summarise(preview).blocking
    assert blocking == [
        "2 rows look like outcomes already imported (lines 2, 3): "
        "choose whether to skip them or to create them anyway."
    ]
    with pytest.raises(importer.DecisionNeeded):
        _run(event, other, "c.csv", options)
    db.session.rollback()
    assert _count(db) == 4

    skipped = _run(event, other, "c.csv", ImportOptions(default_category=category.id, duplicates="skip"))
    db.session.commit()
    assert (skipped.counts["create"], skipped.counts["skip"]) == (1, 2)
    assert _count(db) == 5
    record = db.session.scalar(db.select(ImportRecord).order_by(ImportRecord.id.desc()))
    assert (record.created_count, record.skipped_count) == (1, 2)


def test_look_alikes_may_be_created_anyway_when_the_facilitator_says_so(db, event, category):
    _run(
        event, "titre;équipe\nAbri;Équipe A\n".encode(), "a.csv", ImportOptions(default_category=category.id)
    )
    db.session.commit()
    options = ImportOptions(default_category=category.id, duplicates="create")
    preview = _run(event, "N°;titre;équipe\n7;abri;EQUIPE A\n".encode(), "b.csv", options)
    assert preview.counts["create"] == 1
    assert "created anyway" in summarise(preview).warnings[0]
    assert _count(db) == 2


def test_a_team_that_differs_is_not_a_look_alike(db, event, category):
    options = ImportOptions(default_category=category.id)
    _run(event, "titre;équipe\nAbri;Équipe A\n".encode(), "a.csv", options)
    preview = _run(event, "N°;titre;équipe\n1;Abri;Équipe B\n".encode(), "b.csv", options, commit=False)
    assert preview.lookalikes == [] and preview.counts["create"] == 1


# ---- categories ---------------------------------------------------------------------------


def test_missing_and_unknown_categories_are_errors_until_the_facilitator_chooses(db, event, category):
    data = "titre;catégorie\nAbri;Mobilité\nBanc;\nFontaine;Culture\n".encode()
    preview = _run(event, data, "p.csv", ImportOptions(), commit=False)
    assert [row.status for row in preview.rows] == ["create", "error", "error"]
    assert "choose a default category" in str(preview.rows[1].errors[0])
    assert "Unknown category “Culture”" in str(preview.rows[2].errors[0])
    assert preview.unknown_categories == {"culture": "Culture"}


def test_a_default_category_and_a_mapped_value_are_applied_and_said(db, event, category):
    other = db.session.scalar(db.select(type(category)).where(type(category).id != category.id))
    options = ImportOptions(default_category=category.id, category_map={"CULTURE": other.id})
    data = "titre;catégorie\nBanc;\nFontaine;Culture\n".encode()
    preview = _run(event, data, "p.csv", options)
    assert [row.category_id for row in preview.rows] == [category.id, other.id]
    assert "Filed under “Mobilité”, as chosen." in [str(n) for n in preview.rows[0].notes]


def test_rows_whose_category_is_refused_are_not_imported(db, event, category):
    options = ImportOptions(default_category=category.id, category_map={"Culture": SKIP})
    data = "titre;catégorie\nBanc;\nFontaine;Culture\n".encode()
    preview = _run(event, data, "p.csv", options)
    assert [row.status for row in preview.rows] == ["create", "skip"]
    assert db.session.scalars(db.select(Idea.title)).all() == ["Banc"]
    preview = _run(event, data, "p.csv", ImportOptions(default_category=SKIP), commit=False)
    # Without a category cell, even a row imported before is not imported this time.
    assert [row.status for row in preview.rows] == ["skip", "skip"]


def test_options_survive_the_trip_through_a_query_string(category):
    from werkzeug.datastructures import MultiDict

    options = ImportOptions(default_category=SKIP, category_map={"Vélo": category.id}, duplicates="skip")
    options.publish = False
    back = ImportOptions.from_values(MultiDict(list(options.query_items())), {category.id})
    assert back == options
    forged = MultiDict({"default_category": "99999", "duplicates": "all", "publish": "x"})
    assert ImportOptions.from_values(forged, {category.id}) == ImportOptions()


# ---- Decidim ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "maker,name", [(files.decidim_semicolon_csv, "export.csv"), (files.decidim_nested_json, "export.json")]
)
def test_decidim_exports_keep_reference_scope_answer_and_arabic_title(
    db, event, category, district, maker, name
):
    preview = _run(event, maker(), name, ImportOptions(default_category=category.id))
    db.session.commit()
    assert [row.status for row in preview.rows] == ["create", "create", "skip", "skip"]
    outcomes = {o.external_id: o for o in db.session.scalars(db.select(Outcome))}
    assert set(outcomes) == {"CAS-PROP-2018-04-311", "CAS-PROP-2018-04-312"}
    bike = outcomes["CAS-PROP-2018-04-311"]
    assert bike.title_ar == "مسارات الدراجات بشارع الزرقطوني"
    assert bike.idea.public_status == "accepted"
    assert bike.answer == "La ville retient la proposition\npour 2019."
    assert bike.idea.description.startswith("Une piste protégée\ndes deux côtés")
    tram = outcomes["CAS-PROP-2018-04-312"]
    # No point: placed at the centre of the scope's district, and "evaluating" is under study.
    assert tram.idea.district_id == district.id and tram.idea.approximate
    assert tram.idea.public_status == "under_study"
    summary = summarise(preview)
    amendment_line = preview.rows[2].line  # a file line in a CSV (bodies span lines), an item in JSON
    assert amendment_line == (8 if name.endswith(".csv") else 3)
    assert f"1 amendment is not imported as a proposal (lines {amendment_line})." in summary.warnings
    assert "Withdrawn by its authors: not imported." in [str(n) for n in preview.rows[3].notes]
    ignored = next(w for w in summary.warnings if w.startswith("Ignored columns"))
    assert "“endorsements/total_count”" in ignored and "“title/fr”" not in ignored


def test_decidim_csv_columns_are_mapped_and_the_rest_listed_as_ignored():
    mapping = guess_mapping(files.DECIDIM_HEADER)
    named = {field: files.DECIDIM_HEADER[index] for field, index in mapping.items() if index is not None}
    assert named == {
        "title": "title/fr",
        "title_ar": "title/ar",
        "description": "body/fr",
        "category": "category/name/fr",
        "district": "scope/name/fr",
        "latitude": "latitude",
        "longitude": "longitude",
        "place": "address",
        "identifier": "reference",
        "state": "state",
        "answer": "answer/fr",
        "amendment": "is_amend",
    }
    assert ignored_columns(mapping, files.DECIDIM_HEADER) == [
        "id",
        "category/id",
        "scope/id",
        "participatory_space/id",
        "component/id",
        "endorsements/total_count",
        "comments",
        "published_at",
        "url",
        "original_proposal/title",
    ]


def test_a_broken_decidim_file_is_refused_with_its_line(db):
    with pytest.raises(ReadError) as error:
        read_table(files.decidim_broken_json(), "export.json")
    assert "This JSON file is not valid (line" in str(error.value.message)


def test_reimporting_a_decidim_file_keeps_a_moderators_answer_when_the_file_has_none(db, event, category):
    options = ImportOptions(default_category=category.id)
    _run(event, b"reference;titre\nR1;Abri\n", "a.csv", options)
    idea = db.session.scalar(db.select(Idea))
    idea.public_status = "planned"
    db.session.commit()
    preview = _run(event, b"reference;titre\nR1;Abri\n", "a.csv", options)
    assert preview.rows[0].status == "unchanged" and idea.public_status == "planned"


def test_an_arabic_title_is_shown_first_to_arabic_readers(client, db, event, category):
    _run(
        event,
        files.decidim_semicolon_csv(),
        "export.csv",
        ImportOptions(default_category=category.id, publish=True),
    )
    db.session.commit()
    outcome = db.session.scalar(db.select(Outcome).where(Outcome.title_ar.is_not(None)))
    url = f"/events/{event.slug}/outcomes/{outcome.id}"
    arabic = client.get(url + "?lang=ar").get_data(as_text=True)
    assert '<h1 lang="ar" dir="rtl">مسارات الدراجات بشارع الزرقطوني</h1>' in arabic
    french = client.get(url + "?lang=fr").get_data(as_text=True)
    assert '<h1 dir="auto">Pistes cyclables boulevard Zerktouni</h1>' in french
    assert 'lang="ar" dir="rtl">مسارات الدراجات' in french
    assert "La ville retient la proposition" in french


def test_an_arabic_title_alone_is_the_title():
    assert guess_mapping(["title/ar", "body/ar"])["title"] == 0
    assert guess_mapping(["title/ar", "body/ar"])["title_ar"] is None
    assert guess_mapping(["Titre", "Titre (arabe)"])["title_ar"] == 1


def test_arabic_lost_to_windows_1252_gets_a_warning(db, event, category):
    table = read_table(files.windows_1252_csv(), "ateliers.csv")
    assert table.encoding in ("utf-8", "cp1252")
    preview = _run(
        event,
        files.windows_1252_csv(),
        "ateliers.csv",
        ImportOptions(default_category=category.id),
        commit=False,
    )
    (warning,) = [w for w in summarise(preview).warnings if "question marks" in w]
    assert "(lines 2, 3)" in warning and "CSV UTF-8" in warning
    with force_locale("ar"):
        assert "CSV UTF-8" in [w for w in summarise(preview).warnings if "2, 3" in w][0]


# ---- .xls ---------------------------------------------------------------------------------


def test_an_old_xls_file_is_read_like_an_xlsx(db, event, category):
    data = files.xls_file(
        ["N°", "Titre", "Équipe", "Latitude", "Longitude", "Rang"],
        [
            [1, "مساعد محادثة للنقل العمومي", "فريق الطريق", 33.5898, -7.6039, 1],
            [2, "Abri vélo", "Équipe A", None, None, None],
        ],
    )
    assert data[:4] == b"\xd0\xcf\x11\xe0"
    table = read_table(data, "export.xls")
    assert table.format == "xls" and table.header == [
        "N°",
        "Titre",
        "Équipe",
        "Latitude",
        "Longitude",
        "Rang",
    ]
    assert table.rows[0].values[:3] == ["1", "مساعد محادثة للنقل العمومي", "فريق الطريق"]
    preview = _run(event, data, "export.xls", ImportOptions(default_category=category.id))
    assert preview.counts["create"] == 2
    outcome = db.session.scalar(db.select(Outcome).where(Outcome.external_id == "1"))
    assert (outcome.rank, outcome.idea.lat) == (1, 33.5898)


def test_xls_files_have_the_same_limits_as_xlsx():
    from app.creathon.limits import Limits

    data = files.xls_file(["Titre"], [[f"Idée {n}"] for n in range(30)])
    with pytest.raises(ReadError) as error:
        read_table(data, "export.xls", Limits(max_rows=20))
    assert "more than 20 rows" in str(error.value.message)
    wide = files.xls_file([f"C{n}" for n in range(30)], [["x"] * 30])
    with pytest.raises(ReadError) as error:
        read_table(wide, "wide.xls", Limits(max_columns=20))
    assert "more than 20 columns" in str(error.value.message)


def test_a_damaged_xls_is_refused_clearly():
    data = files.xls_file(["Titre"], [["Abri"]])
    with pytest.raises(ReadError) as error:
        read_table(data[:600], "export.xls")
    assert "damaged" in str(error.value.message)
    with pytest.raises(ReadError) as error:
        read_table(files.ENCRYPTED_XLSX, "secret.xlsx")
    assert "password-protected" in str(error.value.message)


# ---- publication ---------------------------------------------------------------------------


def test_each_import_chooses_publication_and_the_summary_says_which(db, event, category):
    assert event.publish_directly
    options = ImportOptions(default_category=category.id, publish=False)
    preview = _run(event, b"titre\nAbri\n", "a.csv", options)
    assert summarise(preview).publication == "The 1 new outcome will wait in the moderation queue."
    assert db.session.scalar(db.select(Idea.status)) == "pending"
    options = ImportOptions(default_category=category.id, publish=True)
    preview = _run(event, b"titre\nBanc\n", "b.csv", options)
    assert "published at once" in summarise(preview).publication
    assert db.session.scalar(db.select(Idea.status).where(Idea.title == "Banc")) == "published"
    records = db.session.scalars(db.select(ImportRecord.published).order_by(ImportRecord.id)).all()
    assert records == [False, True]


def test_new_events_start_from_the_citys_setting(client, auth, db, app):
    import re

    auth.login(role="admin")
    checkbox = re.compile(r'<input[^>]*id="publish_directly"[^>]*>')
    app.config["CREATHON_PUBLISH_IMPORTS"] = False
    page = client.get("/events/new").get_data(as_text=True)
    assert "checked" not in checkbox.search(page).group(0)
    app.config["CREATHON_PUBLISH_IMPORTS"] = True
    page = client.get("/events/new").get_data(as_text=True)
    assert "checked" in checkbox.search(page).group(0)


def test_create_event_from_the_command_line_follows_the_setting(runner, db, app):
    from app.creathon.models import Event

    app.config["CREATHON_PUBLISH_IMPORTS"] = False
    base = ["creathon", "create-event", "--title", "T", "--date", "2024-01-01"]
    assert runner.invoke(args=[*base[:2], "ev-a", *base[2:]]).exit_code == 0
    assert runner.invoke(args=[*base[:2], "ev-b", *base[2:], "--publish"]).exit_code == 0
    flags = dict(db.session.execute(db.select(Event.slug, Event.publish_directly)).all())
    assert flags == {"ev-a": False, "ev-b": True}
