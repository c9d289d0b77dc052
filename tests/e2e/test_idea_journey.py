"""An idea's whole journey in the browser: a visitor registers, confirms, proposes without
JavaScript; a moderator approves it from the keyboard; a resident supports it from the map."""

import re

import pytest
from sqlalchemy import select

from app.ideas.models import Idea
from app.notifications.models import Notification
from tests.e2e.scenery import make_district, tr
from tests.factories import PASSWORD, make_category, make_idea, make_user

pytestmark = pytest.mark.e2e


def test_visitor_registers_confirms_and_proposes_an_idea_without_javascript(
    app, db, live_url, open_page, outbox
):
    make_district()
    make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    db.session.commit()
    page = open_page(javascript=False)
    page.goto(f"{live_url}/register?lang=fr")
    page.fill("#email", "nadia@example.org")
    page.fill("#display_name", "Nadia Bennani")
    page.fill("#password", PASSWORD)
    page.fill("#confirm", PASSWORD)
    page.check("#accept_privacy")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_url}/register/check-inbox")

    (mail,) = outbox
    assert mail.to == ["nadia@example.org"]
    link = re.search(r"https?://\S+/verify/\S+", mail.body).group(0)
    page.goto(live_url + link[link.index("/verify/") :])
    assert page.url.startswith(f"{live_url}/login")
    assert (
        tr(app, "fr", "Thank you, your email address is verified. You can now propose and support ideas.")
        in page.content()
    )
    page.fill("#email", "nadia@example.org")
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_url}/ideas/new")
    page.fill("#title", "Un passage piéton devant l'école")
    page.fill("#description", "Les enfants traversent le boulevard sans feu ni marquage au sol.")
    page.select_option("#category", "mobilite")
    page.select_option("#district", "sidi-belyout")
    page.fill("#place_label", "devant l'école Lalla Aicha")
    page.click("form.idea-form button[type=submit]")
    page.wait_for_load_state()
    assert (
        tr(app, "fr", "Thank you! Your idea will be published once a moderator has reviewed it.")
        in page.content()
    )

    page.goto(f"{live_url}/ideas/mine")
    row = page.get_by_role("article", name=re.compile("Un passage piéton"))
    assert tr(app, "fr", "Awaiting moderation") in row.inner_text()
    db.session.expire_all()
    idea = db.session.scalar(select(Idea))
    assert idea.status == "pending" and idea.approximate and idea.author.is_verified
    assert page.problems == []


def test_moderator_approves_from_the_keyboard_and_the_author_is_told(app, db, live_url, open_page):
    author = make_user(name="Nadia Bennani")
    moderator = make_user(role="moderator")
    idea = make_idea(author=author, status="pending", title="Un passage piéton devant l'école")
    db.session.commit()
    page = open_page(moderator)
    page.goto(f"{live_url}/moderation?lang=fr")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"item-{idea.id}"
    with page.expect_navigation():
        page.keyboard.press("a")
    db.session.expire_all()
    assert idea.status == "published"

    author_page = open_page(author)
    author_page.goto(f"{live_url}/notifications?lang=fr")
    assert "Un passage piéton devant l'école" in author_page.locator("ol.notifications").inner_text()
    assert db.session.scalar(select(Notification).filter_by(user_id=author.id)) is not None
    author_page.goto(f"{live_url}/ideas/{idea.id}?lang=fr")
    assert author_page.locator("main h1").inner_text() == "Un passage piéton devant l'école"
    assert page.problems == [] and author_page.problems == []


def _wait_for_one_popup_with(page, button):
    """Opening a popup pans the map, which reloads the points and draws the popup again for the
    same idea while Leaflet fades the old one out: wait for one popup, fully shown, with `button`."""
    popups = page.locator(".leaflet-popup")
    for _attempt in range(100):
        if popups.count() == 1 and button.count() == 1:
            if popups.evaluate("e => getComputedStyle(e).opacity === '1'"):
                return
        page.wait_for_timeout(50)
    raise AssertionError(f"{popups.count()} popups, {button.count()} buttons")


def test_resident_supports_an_idea_from_the_map_popup(app, db, live_url, open_page, audit):
    if "api.ideas_geojson" not in app.view_functions:
        pytest.skip("the map reads the GeoJSON API (/api/v1/ideas.geojson), which is not in this build")
    make_district()
    resident = make_user(language="ar")
    idea = make_idea(title="ممر للراجلين أمام المدرسة", lat=33.595, lng=-7.615)
    db.session.commit()
    page = open_page(resident)
    page.goto(f"{live_url}/map?lang=ar")
    marker = page.locator("path.leaflet-interactive").first
    marker.wait_for()
    marker.click(force=True)
    popup = page.locator(".idea-popup")
    support = popup.get_by_role("button", name=tr(app, "ar", "Support this idea"))
    withdraw = popup.get_by_role("button", name=tr(app, "ar", "Withdraw my support"))
    _wait_for_one_popup_with(page, support)
    assert popup.locator("h2 a").inner_text() == "ممر للراجلين أمام المدرسة"
    support.click()
    _wait_for_one_popup_with(page, withdraw)
    assert page.url == f"{live_url}/map?lang=ar"
    db.session.expire_all()
    assert idea.support_count == 1
    found = audit(page)
    assert found == [], found
    assert page.problems == []
