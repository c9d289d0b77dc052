"""A facilitator re-imports the same proposals from another file: the preview says which rows
look like outcomes already imported and nothing is written until they choose; the pages of the
import pass axe in French, Arabic and English."""

import pytest

from tests.e2e.scenery import make_district, make_event, tr
from tests.factories import make_category, make_user

pytestmark = pytest.mark.e2e

FIRST = (
    "id;Titre;Équipe;Catégorie;Titre (arabe)\r\n"
    "1;Parking libre en temps réel;Équipe Darb;Mobilité;موقف سيارات حر\r\n"
    "2;Coursiers de quartier;Équipe Wasla;Mobilité;\r\n"
).encode()
# The same two proposals from another export: other numbers under "N° dossier", other case and
# accents; a third one is new and its category unknown.
SECOND = (
    "N° dossier;Titre;Équipe;Catégorie\r\n"
    "D-17;PARKING LIBRE EN TEMPS REEL;equipe darb;Mobilité\r\n"
    "D-18;Coursiers de quartier ;Équipe Wasla;Mobilité\r\n"
    "D-19;Bancs à l'ombre;Équipe Dell;Culture\r\n"
).encode()


def _upload(page, live_url, event, tmp_path, data, lang):
    path = tmp_path / f"{lang}.csv"
    path.write_bytes(data)
    page.goto(f"{live_url}/events/{event.slug}/import?lang={lang}")
    page.set_input_files("input[type=file]", str(path))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_url}/events/{event.slug}/import/*")


def test_reimporting_the_same_proposals_warns_and_waits_for_a_choice(
    app, db, live_url, open_page, audit, tmp_path
):
    from app.creathon.models import Outcome

    make_district()
    category = make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    facilitator = make_user(role="facilitator")
    event = make_event(facilitator, facilitators=[facilitator])
    db.session.commit()
    page = open_page(facilitator)
    problems = {}

    _upload(page, live_url, event, tmp_path, FIRST, "fr")
    page.get_by_role("button", name=tr(app, "fr", "Preview the import")).click()
    page.wait_for_url("**/preview?*")
    page.get_by_role("button", name=tr(app, "fr", "Import these rows")).click()
    page.wait_for_url(f"{live_url}/events/{event.slug}")
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 2

    for lang in ("fr", "ar", "en"):
        _upload(page, live_url, event, tmp_path, SECOND, lang)
        problems[f"mapping {lang}"] = audit(page)
        assert page.locator("#identifier option:checked").inner_text() == "N° dossier"
        page.select_option("#default_category", str(category.id))
        page.get_by_role("button", name=tr(app, lang, "Preview the import")).click()
        page.wait_for_url("**/preview?*")
        problems[f"preview {lang}"] = audit(page)
        main = page.locator("main").inner_text()
        assert tr(app, lang, "Categories that match none") in main
        box = page.locator("#lookalikes").inner_text()
        assert "PARKING LIBRE EN TEMPS REEL" in box and "Parking libre en temps réel" in box

    # English preview: importing without a choice writes nothing and says why.
    page.get_by_role("button", name="Import these rows").click()
    page.wait_for_url("**/preview?*")
    assert "choose whether to skip them or to create them anyway" in page.content()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 2
    problems["refused"] = audit(page)

    page.get_by_label("Skip them: they are already imported").check()
    page.get_by_role("button", name="Import these rows").click()
    page.wait_for_url(f"{live_url}/events/{event.slug}")
    assert "2 not imported" in page.content()
    db.session.expire_all()
    titles = sorted(o.idea.title for o in db.session.scalars(db.select(Outcome)))
    assert titles == ["Bancs à l'ombre", "Coursiers de quartier", "Parking libre en temps réel"]

    # The Arabic title kept from the first file leads the outcome's page for Arabic readers.
    parking = db.session.scalar(db.select(Outcome).where(Outcome.external_id == "1"))
    for lang in ("fr", "ar", "en"):
        page.goto(f"{live_url}/events/{event.slug}/outcomes/{parking.id}?lang={lang}")
        problems[f"outcome {lang}"] = audit(page)
    assert page.locator("main").inner_text().count("موقف سيارات حر") == 1
    page.goto(f"{live_url}/events/{event.slug}/outcomes/{parking.id}?lang=ar")
    assert page.locator("h1").inner_text() == "موقف سيارات حر"
    page.goto(f"{live_url}/events/{event.slug}/imports?lang=ar")
    problems["history ar"] = audit(page)
    assert {step: found for step, found in problems.items() if found} == {}
    assert page.problems == []
