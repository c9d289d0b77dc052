"""The import flow and event pages through the browser's eyes, without JavaScript."""

import io
import re

from flask import current_app

from app.creathon import importer, storage
from app.creathon.mapping import guess_mapping
from app.creathon.models import Event, ImportRecord, Link, Outcome
from app.creathon.readers import read_table
from app.geometry.polygons import service_area
from app.ideas.models import Idea
from tests.creathon import files
from tests.factories import make_idea


def event_category():
    from app.extensions import db
    from app.ideas.models import Category

    return db.session.scalar(db.select(Category.id).where(Category.slug == "mobilite"))


def _upload(client, slug, data, name="propositions.csv"):
    return client.post(
        f"/events/{slug}/import", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def _pending_files(app):
    folder = app.config["UPLOAD_DIR"] / "imports" / "pending"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _token(response):
    return re.search(r"/import/([A-Za-z0-9_-]+)", response.headers["Location"]).group(1)


def test_events_list_and_page_are_public(client, db, event):
    db.session.commit()
    assert "Créathon test" in client.get("/events").get_data(as_text=True)
    page = client.get("/events/creathon-test")
    assert page.status_code == 200
    assert "Import outcomes" not in page.get_data(as_text=True)
    assert client.get("/events/unknown").status_code == 404


def test_citizens_cannot_import_or_create_events(client, auth, db, event):
    db.session.commit()
    auth.login(role="citizen")
    assert client.get("/events/creathon-test/import").status_code == 403
    assert _upload(client, "creathon-test", files.excel_french_csv()).status_code == 403
    assert client.get("/events/new").status_code == 403
    assert client.get("/events/creathon-test/imports").status_code == 403
    auth.login(role="moderator")
    assert client.get("/events/creathon-test/import").status_code == 403


def test_visitors_are_sent_to_sign_in(client, db, event):
    db.session.commit()
    response = client.get("/events/creathon-test/import")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_facilitator_uploads_maps_previews_and_commits(client, auth, db, event, district, app):
    auth.login(role="facilitator")
    response = _upload(client, "creathon-test", files.excel_french_csv())
    assert response.status_code == 302
    token = _token(response)
    mapping_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<option selected value="1">Titre</option>' in mapping_page  # "Titre" guessed as the title column
    form = {
        "title": "1",
        "description": "2",
        "category": "3",
        "latitude": "4",
        "longitude": "5",
        "coordinates": "",
        "place": "6",
        "team": "7",
        "rank": "8",
        "identifier": "0",
        "default_category": str(event_category()),
        "publish": "1",
    }
    response = client.post(f"/events/creathon-test/import/{token}", data=form)
    assert response.status_code == 302
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert (
        "4 outcomes to create" in preview
        and "published at once" in preview
        and "not on the map" in preview
        and "approximate" in preview
    )
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0
    response = client.post(f"/events/creathon-test/import/{token}/preview", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 4
    assert _pending_files(app) == []
    page = client.get("/events/creathon-test").get_data(as_text=True)
    assert page.index("Parking libre") < page.index("Coursiers de quartier")  # winners first


def test_preview_with_errors_offers_no_commit_and_commit_writes_nothing(client, auth, db, event):
    auth.login(role="facilitator")
    rows = [list(r) for r in files.FRENCH_ROWS]
    rows[1][4] = "999"
    token = _token(_upload(client, "creathon-test", files.excel_french_csv(rows)))
    query = f"title=1&latitude=4&longitude=5&identifier=0&team=7&default_category={event_category()}"
    page = client.get(f"/events/creathon-test/import/{token}/preview?{query}").get_data(as_text=True)
    assert "1 row in error" in page and "Import these rows" not in page
    assert "out of range" in page
    client.post(
        f"/events/creathon-test/import/{token}/preview", data=dict(p.split("=") for p in query.split("&"))
    )
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_error_report_escapes_formula_like_cells(client, auth, db, event):
    auth.login(role="facilitator")
    data = b'titre;lat;lng\n"=HYPERLINK(""http://x"")";nord;-7.5\n'
    token = _token(_upload(client, "creathon-test", data))
    report = client.get(f"/events/creathon-test/import/{token}/errors.csv?title=0&latitude=1&longitude=2")
    text = report.get_data(as_text=True)
    assert report.mimetype == "text/csv"
    assert "'=HYPERLINK" in text and ";2;" not in text.split("\n")[0]
    assert text.splitlines()[1].startswith("2;\"'=HYPERLINK")


def test_bad_files_are_refused_at_upload_with_a_clear_message(client, auth, db, event, app):
    auth.login(role="facilitator")
    cases = [
        (b"", "empty.csv", "The file is empty."),
        (files.ENCRYPTED_XLSX, "secret.xlsx", "password-protected"),
        (b"PK\x03\x04broken", "broken.xlsx", "damaged"),
        (b"\x00\x01\x02", "photo.jpg", "not accepted"),
        (b"rue;quartier\nx;y\n", "no-title.csv", ""),
    ]
    for data, name, message in cases[:4]:
        response = _upload(client, "creathon-test", data, name)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert _pending_files(app) == []
    token = _token(_upload(client, "creathon-test", cases[4][0], cases[4][1]))
    page = client.get(f"/events/creathon-test/import/{token}").get_data(as_text=True)
    assert "No column holds the titles" in page


def test_cancel_removes_the_waiting_upload(client, auth, db, event, app):
    auth.login(role="facilitator")
    token = _token(_upload(client, "creathon-test", files.excel_french_csv()))
    assert len(_pending_files(app)) == 2
    client.post(f"/events/creathon-test/import/{token}/cancel")
    assert _pending_files(app) == []
    assert client.get(f"/events/creathon-test/import/{token}").status_code == 302


def test_another_users_upload_token_is_useless(client, auth, db, event):
    auth.login(role="facilitator")
    token = _token(_upload(client, "creathon-test", files.excel_french_csv()))
    auth.login(role="admin")
    response = client.get(f"/events/creathon-test/import/{token}/preview?title=1")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/events/creathon-test/import"
    )


def test_import_history_lists_imports_and_serves_the_original_file(client, auth, db, event):
    data = files.excel_french_csv()
    table = read_table(data, "propositions.csv")
    importer.import_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        filename="propositions.csv",
        data=data,
        area=service_area(current_app.config),
        options=files.first_category_options(),
    )
    db.session.commit()
    auth.login(role="admin")
    page = client.get("/events/creathon-test/imports").get_data(as_text=True)
    assert "propositions.csv" in page
    record = db.session.scalar(db.select(ImportRecord))
    download = client.get(f"/events/creathon-test/imports/{record.id}/file")
    assert download.data == data
    assert "propositions.csv" in download.headers["Content-Disposition"]
    assert storage.import_file_path(record.stored_name) is not None


def test_facilitator_creates_and_edits_an_event(client, auth, db):
    user = auth.login(role="facilitator")
    response = client.post(
        "/events/new",
        data={
            "kind": "hackathon",
            "title": "Smart City Hackathon 2018",
            "slug": "",
            "start_date": "2018-04-21",
            "end_date": "2018-04-22",
            "venue": "Technopark",
            "theme": "mobility",
            "partners": "Green-TIC\ni2CAT",
            "description": "200 participants, 22 projets.",
            "publish_directly": "y",
        },
    )
    assert response.status_code == 302
    event = db.session.scalar(db.select(Event).filter_by(slug="smart-city-hackathon-2018"))
    assert event.partner_list == ["Green-TIC", "i2CAT"] and [u.id for u in event.facilitators] == [user.id]
    response = client.post(
        "/events/new",
        data={
            "kind": "workshop",
            "title": "Bad dates",
            "theme": "",
            "start_date": "2018-04-22",
            "end_date": "2018-04-21",
        },
    )
    assert "The end date cannot be before the start date." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 1


def test_facilitator_of_another_event_cannot_import_into_it(client, auth, db, event):
    from tests.factories import make_user

    event.facilitators = [make_user(role="facilitator")]
    db.session.commit()
    auth.login(role="facilitator")
    assert client.get("/events/creathon-test/import").status_code == 403


def _imported_outcome(db, event, category):
    idea = Idea(
        title="Abri de bus ombragé",
        description="Un abri",
        category=category,
        lat=33.5731,
        lng=-7.5898,
        source="creathon",
        status="published",
    )
    outcome = Outcome(event=event, idea=idea, match_key="t:abri|", team="Équipe A", rank=1)
    db.session.add(outcome)
    db.session.flush()
    return outcome


def test_moderator_confirms_a_suggestion_and_the_idea_page_partial_shows_it(
    client, auth, db, event, category, app
):
    outcome = _imported_outcome(db, event, category)
    citizen_idea = make_idea(
        title="Un abri de bus ombragé", category=category, lat=33.5732, lng=-7.5897, support_count=12
    )
    db.session.commit()
    auth.login(role="moderator")
    page = client.get(f"/events/creathon-test/outcomes/{outcome.id}").get_data(as_text=True)
    assert "Un abri de bus ombragé" in page and "score" in page
    response = client.post(
        f"/events/creathon-test/outcomes/{outcome.id}/links",
        data={"idea_id": str(citizen_idea.id), "relation": "builds_on", "score": "0.8"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    link = db.session.scalar(db.select(Link))
    assert (link.relation, link.state, link.score) == ("builds_on", "confirmed", 0.8)
    auth.logout()
    event_page = client.get("/events/creathon-test").get_data(as_text=True)
    assert "Un abri de bus ombragé" in event_page and "12 supports" in event_page
    with app.test_request_context("/?lang=en"):
        from flask import render_template_string

        idea = db.session.get(Idea, citizen_idea.id)
        html = render_template_string('{{ render_slot("idea_detail.answers", idea=idea) }}', idea=idea)
        assert "Discussed at" in html and "Créathon test" in html and "Abri de bus ombragé" in html
        own = render_template_string('{{ render_slot("idea_detail.answers", idea=idea) }}', idea=outcome.idea)
        assert "Proposed at a créathon" in own and "Équipe A" in own


def test_citizens_cannot_link_and_see_no_suggestions(client, auth, db, event, category):
    outcome = _imported_outcome(db, event, category)
    idea = make_idea(title="Un abri de bus", category=category)
    db.session.commit()
    auth.login(role="citizen")
    page = client.get(f"/events/creathon-test/outcomes/{outcome.id}").get_data(as_text=True)
    assert "Suggested citizens' ideas" not in page
    response = client.post(
        f"/events/creathon-test/outcomes/{outcome.id}/links",
        data={"idea_id": str(idea.id), "relation": "same_as"},
    )
    assert response.status_code == 403


def test_dismissed_suggestion_disappears(client, auth, db, event, category):
    outcome = _imported_outcome(db, event, category)
    idea = make_idea(title="Un abri de bus ombragé", category=category)
    db.session.commit()
    auth.login(role="admin")
    client.post(f"/events/creathon-test/outcomes/{outcome.id}/dismissals", data={"idea_id": str(idea.id)})
    page = client.get(f"/events/creathon-test/outcomes/{outcome.id}").get_data(as_text=True)
    assert "No similar idea nearby." in page


def test_preview_shows_similar_citizens_ideas_with_their_score(client, auth, db, event, category):
    make_idea(title="Parking libre en temps réel près du Maârif", category=category, lat=33.5952, lng=-7.6185)
    db.session.commit()
    auth.login(role="facilitator")
    token = _token(_upload(client, "creathon-test", files.excel_french_csv()))
    page = client.get(
        f"/events/creathon-test/import/{token}/preview?title=1&description=2&latitude=4"
        f"&longitude=5&identifier=0&team=7&default_category={category.id}"
    ).get_data(as_text=True)
    assert "Parking libre en temps réel près du Maârif" in page
    assert re.search(r"score 0\.\d\d", page)


def test_file_over_10_mb_is_refused_at_upload(client, auth, db, event, app):
    auth.login(role="facilitator")
    response = _upload(client, "creathon-test", b"titre\n" + b"x" * (10 * 1024 * 1024), "big.csv")
    assert "larger than 10 MB" in response.get_data(as_text=True)
    assert _pending_files(app) == []


def test_event_page_pages_through_many_outcomes_winners_first(client, db, event):
    rows = "".join(f"Idée {n:03d};{'1' if n == 120 else ''}\n" for n in range(120, 0, -1))
    table = read_table(f"titre;rang\n{rows}".encode(), "many.csv")
    importer.import_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        filename="many.csv",
        data=b"x",
        area=service_area(current_app.config),
        options=files.first_category_options(),
    )
    db.session.commit()
    first = client.get("/events/creathon-test").get_data(as_text=True)
    assert "120 outcomes" in first
    assert first.index("Idée 120") < first.index("Idée 001") < first.index("Idée 049")
    assert "Idée 050" not in first
    second = client.get("/events/creathon-test?page=2").get_data(as_text=True)
    assert "Idée 050" in second and 'rel="prev" href="/events/creathon-test?page=1"' in second


def test_history_lists_the_notes_of_an_import(client, auth, db, event):
    data = files.excel_french_csv()
    table = read_table(data, "propositions.csv")
    importer.import_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        filename="propositions.csv",
        data=data,
        area=service_area(current_app.config),
        options=files.first_category_options(),
    )
    db.session.commit()
    auth.login(role="admin")
    page = client.get("/events/creathon-test/imports").get_data(as_text=True)
    assert "Notes on 5 rows" in page
    assert "Line 5: No coordinates and no known district: listed, but not on the map." in page


def test_change_the_columns_keeps_the_columns_chosen_before(client, auth, db, event):
    auth.login(role="facilitator")
    token = _token(_upload(client, "creathon-test", files.excel_french_csv()))
    page = client.get(f"/events/creathon-test/import/{token}?title=2&team=").get_data(as_text=True)
    assert '<option selected value="2">Descriptif</option>' in page
    team = page[page.index('id="team"') :]
    assert '<option selected value="">' in team[: team.index("</select>")]


def test_admin_edits_an_event_and_its_facilitators(client, auth, db, event):
    from tests.factories import make_user

    nadia = make_user(role="facilitator", name="Nadia")
    db.session.commit()
    auth.login(role="admin")
    assert client.get("/events/creathon-test/edit").status_code == 200
    response = client.post(
        "/events/creathon-test/edit",
        data={
            "kind": "creathon",
            "title": "Créathon mobilité 2018",
            "slug": "creathon-test",
            "start_date": "2018-04-20",
            "theme": "mobility",
            "partners": "Enactus Morocco",
            "description": "",
            "facilitators": [str(nadia.id)],
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.scalar(db.select(Event))
    assert saved.title == "Créathon mobilité 2018" and not saved.publish_directly
    assert [u.display_name for u in saved.facilitators] == ["Nadia"]


def test_unverified_or_blocked_facilitators_cannot_import(client, auth, db, event):
    db.session.commit()
    auth.login(role="facilitator", verified=False)
    assert client.get("/events/creathon-test/import").status_code == 403
    assert client.get("/events/new").status_code == 403
    user = auth.login(role="facilitator")
    user.is_blocked = True
    db.session.commit()
    assert client.get("/events/creathon-test/import").status_code == 403


def test_facilitator_links_an_idea_by_its_number_and_removes_the_link(client, auth, db, event, category):
    outcome = _imported_outcome(db, event, category)
    far_idea = make_idea(title="Trottoirs à Sidi Bernoussi", category=category, lat=33.61, lng=-7.51)
    db.session.commit()
    auth.login(role="facilitator")
    url = f"/events/creathon-test/outcomes/{outcome.id}"
    client.post(f"{url}/links", data={"idea_id": "999999", "relation": "answers"})
    client.post(f"{url}/links", data={"idea_id": str(outcome.idea_id), "relation": "answers"})
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Link.id))) == 0
    client.post(f"{url}/links", data={"idea_id": f" {far_idea.id} ", "relation": "answers"})
    db.session.expire_all()
    link = db.session.scalar(db.select(Link))
    assert (link.idea_id, link.relation) == (far_idea.id, "answers")
    assert "Trottoirs à Sidi Bernoussi" in client.get(url).get_data(as_text=True)
    client.post(f"{url}/links/{link.id}/remove")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Link.id))) == 0


def test_idea_page_of_an_outcome_credits_its_team_and_event(client, db, event, category):
    from app.creathon.models import Outcome
    from app.ideas.models import Idea

    idea = Idea(
        title="Navette Derb Sultan",
        description="Une navette de quartier.",
        category=category,
        lat=33.57,
        lng=-7.59,
        source="creathon",
        status="published",
    )
    db.session.add(Outcome(event=event, idea=idea, team="Équipe Mobilité Verte", match_key="t:navette|"))
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}?lang=fr").get_data(as_text=True)
    assert "Équipe Mobilité Verte" in page
    assert "Créathon test" in page
