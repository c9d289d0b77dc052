"""A facilitator imports a workshop's spreadsheet in the browser: upload, columns, preview, commit."""

import pytest

from tests.e2e.scenery import make_district, make_event, tr
from tests.factories import make_category, make_user

pytestmark = pytest.mark.e2e

# As Excel saves "CSV (séparateur : point-virgule)": a BOM, semicolons, decimal commas.
WORKSHOP_CSV = (
    "\ufeffIdentifiant;Titre;Titre (arabe);Descriptif;Catégorie;Latitude;Longitude;Lieu;Équipe;Rang\r\n"
    "A1;Parking libre en temps réel;مواقف حرة في الوقت الفعلي;Places libres dans les garages d'immeubles.;"
    "Mobilité;33,5950;-7,6187;Maârif;Équipe Darb;1\r\n"
    "A2;Coursiers de quartier;;Livraisons à vélo entre commerces.;Mobilité;;;Sidi Belyout;Équipe Wasla;2\r\n"
).encode("utf-8")


def test_facilitator_imports_a_semicolon_csv_and_the_outcomes_appear_on_the_event(
    app, db, live_url, open_page, audit, tmp_path
):
    make_district()
    make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    facilitator = make_user(role="facilitator")
    event = make_event(facilitator, facilitators=[facilitator])
    db.session.commit()
    page = open_page(facilitator)
    problems = {}

    page.goto(f"{live_url}/events/{event.slug}/import?lang=fr")
    problems["upload"] = audit(page)
    upload = tmp_path / "atelier.csv"
    upload.write_bytes(WORKSHOP_CSV)
    page.set_input_files("input[type=file]", str(upload))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_url}/events/{event.slug}/import/*")

    # The columns are guessed from the French headers; the facilitator keeps them.
    problems["mapping"] = audit(page)
    assert page.locator("#title option:checked").inner_text() == "Titre"
    page.get_by_role("button", name=tr(app, "fr", "Preview the import")).click()
    page.wait_for_url("**/preview?*")

    problems["preview"] = audit(page)
    rows = page.locator("main table tbody tr")
    assert rows.count() == 2
    page.get_by_role("button", name=tr(app, "fr", "Import these rows")).click()
    page.wait_for_url(f"{live_url}/events/{event.slug}")

    flash = tr(
        app,
        "fr",
        "Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
        "%(skipped)s not imported.",
        created=2,
        updated=0,
        unchanged=0,
        skipped=0,
    )
    assert flash in page.content()
    outcomes = page.locator("main").inner_text()
    assert "Parking libre en temps réel" in outcomes and "Équipe Darb" in outcomes
    assert "Coursiers de quartier" in outcomes and "Équipe Wasla" in outcomes
    problems["event"] = audit(page)
    assert "مواقف حرة" not in outcomes

    # Arabic readers find the outcome under its Arabic title, marked as Arabic.
    page.goto(f"{live_url}/events/{event.slug}?lang=ar")
    arabic = page.locator("main .outcome h3 a bdi[lang=ar][dir=rtl]")
    assert arabic.count() == 1 and arabic.inner_text() == "مواقف حرة في الوقت الفعلي"
    assert "Coursiers de quartier" in page.locator("main").inner_text()
    problems["event ar"] = audit(page)
    assert {step: found for step, found in problems.items() if found} == {}
    assert page.problems == []
