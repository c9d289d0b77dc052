"""Relays in the browser: three paper forms entered from the keyboard alone (with and without
JavaScript), and axe-core audits of the relays' pages in French, Arabic and English."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.creathon import storage
from app.extensions import db
from app.relays.batches import create_batch
from app.relays.models import AssistedIdea
from app.relays.services import grant_relay, record_support
from tests.e2e.scenery import make_district
from tests.factories import make_category, make_user
from tests.relays.helpers import assisted_idea

pytestmark = pytest.mark.e2e

FORMS = [
    (
        "A. B.",
        "Un abri à l'arrêt Derb Omar",
        "Les gens attendent le bus en plein soleil.",
        "Arrêt Derb Omar",
        "0612345678",
        None,
    ),
    (
        "ف. ز.",
        "إنارة الممر تحت القنطرة",
        "الممر مظلم في الليل والنساء يتجنبنه.",
        "الممر تحت القنطرة",
        "",
        None,
    ),
    (
        "K. T.",
        "Des bancs au jardin Murdoch",
        "Il n'y a aucun banc pour les personnes âgées.",
        "Jardin Murdoch",
        "+33 6 12 34 56 78",
        ("33.5951", "-7.6152"),  # the resident marked the place on the sheet's map
    ),
]


def _relay_and_batch():
    district = make_district()
    category = make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    admin = make_user(role="admin", name="Admin")
    relay = grant_relay(admin, make_user(name="Khadija Relais"), "Association Derb Solidaire", [district])
    batch = create_batch(relay.user, district)
    db.session.commit()
    return relay, batch, category, district, admin


@pytest.mark.parametrize("javascript", [True, False])
def test_a_relay_enters_three_paper_forms_from_the_keyboard_alone(db, live_url, open_page, javascript):
    relay, batch, _category, district, _admin = _relay_and_batch()
    page = open_page(relay.user, javascript=javascript)
    page.goto(f"{live_url}/relays/enter?code={batch.code}&lang=fr")
    for name, title, description, place, phone, pin in FORMS:
        assert page.evaluate("document.activeElement.id") == "resident_name"
        keyboard = page.keyboard
        keyboard.type(name)
        keyboard.press("Tab")
        keyboard.type(title)
        keyboard.press("Tab")
        keyboard.type(description)
        keyboard.press("Tab")  # the category list: typing picks the option
        keyboard.type("Mob")
        keyboard.press("Tab")
        keyboard.type(place)
        keyboard.press("Tab")  # the closed map picker: one stop, passed over
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        if pin:
            keyboard.press("Enter")  # opened; Tab goes through the map's controls to the fields
            for _stop in range(12):
                keyboard.press("Tab")
                if page.evaluate("document.activeElement.id") == "lat":
                    break
            assert page.evaluate("document.activeElement.id") == "lat"
            keyboard.type(pin[0])
            keyboard.press("Tab")
            keyboard.type(pin[1])
        keyboard.press("Tab")  # the channel: "paper form" is already chosen for a batch
        assert page.evaluate("document.activeElement.name") == "channel"
        keyboard.press("Tab")
        keyboard.type(phone)
        keyboard.press("Tab")  # email
        keyboard.press("Tab")  # language
        keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "consent"
        keyboard.press("Space")
        keyboard.press("Tab")
        with page.expect_navigation():
            keyboard.press("Enter")
        assert page.locator(".flash-success").count() == 1, page.content()[:3000]
        assert page.locator("#code").input_value() == batch.code
    db.session.expire_all()
    entered = db.session.scalars(select(AssistedIdea).order_by(AssistedIdea.idea_id)).all()
    assert [a.idea.title for a in entered] == [f[1] for f in FORMS]
    assert all(a.batch_id == batch.id and a.idea.district_id == district.id for a in entered)
    assert all(a.channel == "paper" and a.consent_scope for a in entered)
    assert [a.phone for a in entered] == ["+212612345678", None, "+33612345678"]
    assert [a.idea.approximate for a in entered] == [True, True, False]
    assert (entered[2].idea.lat, entered[2].idea.lng) == (33.5951, -7.6152)


def test_a_relay_places_a_form_on_the_map_where_the_resident_marked_it(db, live_url, open_page):
    relay, batch, category, district, _admin = _relay_and_batch()
    page = open_page(relay.user)
    page.goto(f"{live_url}/relays/enter?code={batch.code}&lang=en")
    page.fill("#resident_name", "N. A.")
    page.fill("#title", "Un banc devant la poste")
    page.fill("#description", "Les personnes âgées attendent debout devant la poste du quartier.")
    page.select_option("#category", category.slug)
    page.click("details.pin-option > summary")
    page.click("#propose-map")  # the map opens on the form's district: its centre is inside
    lat, lng = float(page.input_value("#lat")), float(page.input_value("#lng"))
    assert district.min_lat < lat < district.max_lat and district.min_lng < lng < district.max_lng
    page.check("#consent")
    with page.expect_navigation():
        page.click("form.relay-entry button[type=submit]")
    assert page.locator(".flash-success").count() == 1, page.content()[:3000]
    db.session.expire_all()
    idea = db.session.scalar(select(AssistedIdea)).idea
    assert (round(idea.lat, 6), round(idea.lng, 6)) == (lat, lng) and not idea.approximate
    assert idea.district_id == district.id
    assert page.problems == []


def test_the_sheet_prints_from_the_browser_on_one_a4_page_without_the_site_around_it(db, live_url, open_page):
    relay, batch, _category, _district, _admin = _relay_and_batch()
    page = open_page(relay.user)
    page.goto(f"{live_url}/relays/forms/{batch.code}?lang=fr")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator(".no-print").first.is_hidden()
    assert page.locator(".sheet-lang[dir=rtl]").is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) == 1, [p.extract_text()[:300] for p in reader.pages]
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4, from the stylesheet's @page
    text = reader.pages[0].extract_text()
    assert batch.code in text and "Votre idée pour la ville" in text


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_relay_pages_have_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    relay, batch, category, district, admin = _relay_and_batch()
    idea = assisted_idea(relay, category, district, phone="0612345678", premoderation=False)
    record_support(relay, idea, "S. A.", "in_person", True)
    db.session.commit()
    # A spreadsheet waiting for confirmation: one line to create, one in error (no agreement).
    sheet = "code;habitant;titre;description;catégorie;lieu;accord\n"
    sheet += f"{batch.code};A. B.;Un abri bus;Les gens attendent au soleil.;Mobilité;Marché;oui\n"
    sheet += f"{batch.code};ف. ز.;إنارة الممر;الممر مظلم في الليل.;Mobilité;القنطرة;لا\n"
    token = storage.save_pending(sheet.encode(), "fiches.csv", "relays", relay.user_id)
    pages = [
        (relay.user, "/relays"),
        (relay.user, f"/relays/enter?code={batch.code}"),
        (relay.user, "/relays/forms"),
        (relay.user, f"/relays/forms/{batch.code}"),
        (relay.user, "/relays/import"),
        (relay.user, f"/relays/import/{token}?organisation=Association"),
        (relay.user, f"/relays/ideas/{idea.id}/supports"),
        (admin, "/admin/relays"),
        (admin, "/admin/relays/audit"),
        (None, f"/ideas/{idea.id}"),
        (None, "/transparency"),
    ]
    report, browsers = {}, {}
    for user, path in pages:
        key = user.id if user else None
        if key not in browsers:
            browsers[key] = open_page(user)
        page = browsers[key]
        sep = "&" if "?" in path else "?"
        page.goto(f"{live_url}{path}{sep}lang={lang}")
        page.wait_for_load_state("networkidle")
        if path.startswith("/relays/import/"):
            assert page.url.startswith(f"{live_url}/relays/import/"), page.url  # the preview, kept
            assert page.locator("table").count() >= 1
        if path.startswith("/relays/enter"):
            page.click("details.pin-option > summary")  # the map picker is audited open
        violations = audit(page)
        if violations:
            report[path] = violations
    page = browsers[relay.user.id]
    page.goto(f"{live_url}/relays/enter?code={batch.code}&lang={lang}")
    page.click("form.relay-entry button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    violations = audit(page)
    if violations:
        report["/relays/enter (errors)"] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    for page in browsers.values():
        assert page.problems == []
