"""What a resident sees, in the browser: the Arabic monthly chart keeps its month labels, a big
phone photo is reduced before it leaves the phone (and without JavaScript the form comes back
whole), the link is copied in one press, "My ideas" fits a phone, "Sign in to support" counts
the support once signed in, in the language just chosen, an unverified account is guided."""

import io
import os
from datetime import timedelta

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.core.time import utcnow
from app.ideas.models import Idea
from app.votes.models import Vote
from tests.e2e.scenery import build_city
from tests.factories import PASSWORD, make_idea, make_user

pytestmark = pytest.mark.e2e

FIVE_MB = 5 * 1024 * 1024


@pytest.mark.parametrize("width", [1100, 390])
def test_the_arabic_monthly_chart_shows_every_month_label(db, live_url, open_page, width):
    build_city()
    # Ideas received in four earlier months: the chart shows only the months that have some.
    for months_ago in range(1, 5):
        make_idea(status="pending", created_at=utcnow() - timedelta(days=31 * months_ago))
    db.session.commit()
    page = open_page(width=width)
    page.goto(f"{live_url}/transparency?lang=ar")
    labels = page.evaluate(
        """() => {
          const svg = document.querySelector('svg.bar-chart').getBoundingClientRect();
          const bars = [...document.querySelectorAll('svg.bar-chart rect')]
            .map(r => r.getBoundingClientRect());
          return [...document.querySelectorAll('svg.bar-chart .chart-label')].map(t => {
            const box = t.getBoundingClientRect();
            const overlaps = bars.some(b => b.width > 0 && b.left < box.right - 1 && b.right > box.left + 1
                                        && b.top < box.bottom - 1 && b.bottom > box.top + 1);
            return {text: t.textContent, width: box.width, inside: box.left >= svg.left - 1
                    && box.right <= svg.right + 1, overlaps};
          });
        }"""
    )
    assert len(labels) >= 5
    for label in labels:
        assert label["text"].strip() and label["width"] > 10, label
        assert label["inside"] and not label["overlaps"], label
    # Arabic month names, as the page's language writes them.
    assert any("ديسمبر" in label["text"] or "نوفمبر" in label["text"] for label in labels)


def _phone_photo():
    """A 3000 × 2250 photo heavier than 5 MB, as phones take them."""
    image = Image.frombytes("RGB", (3000, 2250), os.urandom(3000 * 2250 * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()
    assert len(data) > FIVE_MB
    return data


def _fill_proposal(page, live_url):
    page.goto(f"{live_url}/ideas/new?lang=en")
    page.fill("#title", "Une fontaine sur la place")
    page.fill("#description", "Il n'y a aucun point d'eau sur la place, les enfants ont soif en été.")
    page.select_option("#category", "mobilite")
    page.fill("#lat", "33.5500")
    page.fill("#lng", "-7.6400")


def test_a_big_phone_photo_is_reduced_in_the_browser_and_the_idea_is_sent(db, live_url, open_page):
    city = build_city()
    page = open_page(city["citizen"])
    _fill_proposal(page, live_url)
    page.set_input_files(
        "#photo", files=[{"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": _phone_photo()}]
    )
    expect(page.locator("[data-photo-status]")).to_have_text(
        "Your photo was reduced to be sent quickly.", timeout=20000
    )
    size = page.evaluate("document.querySelector('#photo').files[0].size")
    assert 0 < size <= FIVE_MB
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").text_content() == "Une fontaine sur la place"
    idea = db.session.scalar(select(Idea).where(Idea.title == "Une fontaine sur la place"))
    assert idea.photo
    assert page.problems == []


def test_without_javascript_a_too_big_photo_gives_the_form_back_whole(db, live_url, open_page):
    city = build_city()
    page = open_page(city["citizen"], javascript=False)
    page.goto(f"{live_url}/ideas/new?lang=fr")
    page.fill("#title", "Une fontaine sur la place")
    page.fill("#description", "Il n'y a aucun point d'eau sur la place, les enfants ont soif en été.")
    page.select_option("#category", "mobilite")
    page.fill("#lat", "33.5500")
    page.fill("#lng", "-7.6400")
    page.set_input_files(
        "#photo",
        files=[{"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": os.urandom(16 * 1024 * 1024)}],
    )
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    # The form itself, not the "413" error page.
    assert page.locator(".error-code").count() == 0 and page.locator("form.idea-form").count() == 1
    error = page.locator("#photo-error").text_content().strip()
    assert error.startswith("La photo ne doit pas dépasser 5 Mo.")
    # The file chooser always comes back empty: the page says so instead of letting it pass unseen.
    assert "choisissez de nouveau une photo" in error
    assert page.locator("#photo-held").count() == 0
    assert page.input_value("#title") == "Une fontaine sur la place"
    assert page.input_value("#description").startswith("Il n'y a aucun point d'eau")
    assert page.input_value("#lat") == "33.5500" and page.input_value("#lng") == "-7.6400"


def test_without_javascript_a_new_photo_survives_an_edit_sent_back_and_replaces_the_old(
    db, live_url, open_page
):
    city = build_city()
    idea = make_idea(author=city["citizen"], status="pending", title="Une fontaine sur la place")
    db.session.commit()
    page = open_page(city["citizen"], javascript=False)
    page.goto(f"{live_url}/ideas/{idea.id}/edit?lang=en")
    page.fill("#title", "")
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 80, 40)).save(buffer, "JPEG")
    page.set_input_files(
        "#photo", files=[{"name": "fontaine.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}]
    )
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#title-error").is_visible()
    expect(page.locator("#photo-held")).to_have_text(
        "Your new photo is kept and will replace the current one when you save. "
        "Choose another file only to change it."
    )
    # Read with the file field too, since the field itself comes back empty.
    assert "photo-held" in page.get_attribute("#photo", "aria-describedby").split()
    page.fill("#title", "Une fontaine ombragée sur la place")
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    db.session.refresh(idea)
    assert idea.title == "Une fontaine ombragée sur la place" and idea.photo
    page.goto(f"{live_url}/ideas/{idea.id}?lang=en")
    assert page.locator(".idea-photo img").evaluate("e => e.naturalWidth") == 640


def test_a_proposal_whose_session_expired_comes_back_with_its_text(app, db, live_url, open_page):
    city = build_city()
    page = open_page(city["citizen"])
    _fill_proposal(page, live_url)
    # A new session, as after a phone reloaded the tab: the form's token no longer matches.
    cookie = app.session_interface.get_signing_serializer(app).dumps(
        {"_user_id": city["citizen"].get_id(), "_fresh": True}
    )
    page.context.add_cookies([{"name": "session", "value": cookie, "url": live_url}])
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".flash-error")).to_have_text("This form had expired. Check it and send it again.")
    assert page.input_value("#title") == "Une fontaine sur la place"
    assert float(page.input_value("#lat")) == 33.55 and float(page.input_value("#lng")) == -7.64
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").text_content() == "Une fontaine sur la place"
    assert page.problems == []


def test_ideas_near_me_sorts_the_list_from_the_browsers_location(db, live_url, open_page):
    build_city()
    make_idea(title="Loin d'ici", lat=33.5400, lng=-7.6700)
    make_idea(title="Tout près", lat=33.5913, lng=-7.6191)
    db.session.commit()
    page = open_page()
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 33.5912, "longitude": -7.6190})
    page.goto(f"{live_url}/ideas?lang=en")
    page.get_by_role("button", name="Ideas near me").click()
    page.wait_for_url("**sort=near**")
    assert page.input_value("#near") == "33.5912, -7.6190"
    first = page.locator(".idea-card").first
    assert first.locator("h2").inner_text() == "Tout près"
    assert " m away" in first.locator(".meta").inner_text()
    assert page.problems == []


def test_without_a_location_the_list_says_what_to_do_instead(db, live_url, open_page):
    build_city()
    page = open_page()
    page.context.clear_permissions()
    page.goto(f"{live_url}/ideas?lang=fr")
    page.get_by_role("button", name="Les idées près de moi").click()
    expect(page.locator("[data-near-status]")).to_have_text(
        "Votre position n’est pas disponible. Saisissez plutôt un point ou choisissez un quartier."
    )
    assert "sort=near" not in page.url


def test_the_link_of_an_idea_is_copied_in_one_press(db, live_url, open_page):
    city = build_city()
    page = open_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_url)
    page.goto(f"{live_url}/ideas/{city['idea'].id}?lang=en")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator("[data-share-status]")).to_have_text("The link is copied.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_url}/ideas/{city['idea'].id}"
    whatsapp = page.get_by_role("link", name="Share on WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/?text=")
    assert page.problems == []


def test_my_ideas_fit_a_phone_without_sideways_scrolling(db, live_url, open_page):
    city = build_city()
    for n in range(3):
        make_idea(author=city["citizen"], title=f"Une idée assez longue pour un téléphone, numéro {n}")
    db.session.commit()
    page = open_page(city["citizen"], width=390)
    page.goto(f"{live_url}/ideas/mine?lang=ar")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    cards = page.locator(".mine-list .idea-card")
    assert cards.count() == 3
    for index in range(3):
        box = cards.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.locator(".mine-list dt").first.is_visible()


def test_sign_in_to_support_keeps_arabic_and_counts_the_support_once_signed_in(db, live_url, open_page):
    city = build_city()
    resident = make_user(language="fr")
    db.session.commit()
    idea = city["idea"]
    page = open_page()
    page.goto(f"{live_url}/ideas/{idea.id}")
    page.click(".lang-switch a[hreflang=ar]")
    page.wait_for_load_state()
    page.click(f"#support-{idea.id} form button[type=submit]")
    page.wait_for_load_state()
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.user_id == resident.id)) == 0
    page.fill("#email", resident.email)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # Back on the idea, in Arabic, with the support asked for before signing in counted.
    assert page.get_attribute("html", "lang") == "ar"
    assert page.url.endswith(f"/ideas/{idea.id}?lang=ar#support-{idea.id}")
    assert page.locator(f"#support-{idea.id} [data-support-count]").text_content() == "2"
    assert page.locator(".flash").filter(has_text="تم احتساب دعمك. عدد الدعم: 2").count() == 1
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.user_id == resident.id)) == 1
    expect(page.locator(f"#support-{idea.id} [data-support-label]")).to_have_text("اسحب دعمي")
    page.goto(f"{live_url}/")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.problems == []


def test_an_unverified_account_is_guided_not_refused(db, live_url, open_page):
    build_city()
    page = open_page(make_user(verified=False))
    db.session.commit()
    page.goto(f"{live_url}/ideas/new?lang=fr")
    text = page.locator("main").inner_text()
    assert "403" not in text and "Accès refusé" not in text
    assert page.locator("h1").text_content() == "Confirmez d’abord votre adresse e-mail"
    assert page.get_by_role("button", name="Envoyez-moi un nouveau lien de confirmation").count() == 1


def test_a_page_past_the_end_leads_back_to_the_last_one(db, live_url, open_page):
    city = build_city()
    for n in range(21):
        make_idea(title=f"Idée {n}", category=city["category"])
    db.session.commit()
    page = open_page()
    page.goto(f"{live_url}/ideas?page=7&lang=en")
    assert page.locator(".idea-card").count() == 0
    page.get_by_role("link", name="Go to the last page (page 2)").click()
    page.wait_for_load_state()
    assert page.locator(".idea-card").count() >= 2
