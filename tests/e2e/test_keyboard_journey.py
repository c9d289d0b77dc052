"""A resident with a keyboard and no mouse: proposes an idea by choosing a district, supports
one idea from the list and another from a map popup, and reports a third."""

import pytest
from sqlalchemy import select

from app.ideas.models import Idea
from app.moderation.models import Report
from tests.e2e.scenery import make_district, tr
from tests.factories import make_category, make_idea, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def app_config(app_config):
    # Published at once, so that the journey can go on without a moderator.
    return type("NoPremoderation", (app_config,), {"PREMODERATION": False})


def tab_to(page, selector, limit=150):
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was never reached with Tab")


def choose(page, value):
    """Pick `value` in the focused select with the arrow keys."""
    index = page.evaluate(
        "v => Array.from(document.activeElement.options).findIndex(o => o.value === v)", value
    )
    assert index > 0
    for _step in range(index - page.evaluate("document.activeElement.selectedIndex")):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == value


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_keyboard_journey_proposes_supports_twice_and_reports(app, db, live_url, open_page, lang):
    make_district()
    make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    resident = make_user(language=lang)
    neighbour = make_user(name="Karim")
    on_list = make_idea(author=neighbour, title="Des bancs au marché", lat=33.60, lng=-7.62)
    on_map = make_idea(author=neighbour, title="Un abri de bus", lat=33.595, lng=-7.615)
    db.session.commit()
    page = open_page(resident)

    # Propose: typing the place and choosing the district from the keyboard.
    page.goto(f"{live_url}/ideas/new?lang={lang}")
    tab_to(page, "#title")
    page.keyboard.type("Un passage piéton devant l'école")
    tab_to(page, "#description")
    page.keyboard.type("Les enfants traversent le boulevard sans feu ni marquage au sol.")
    tab_to(page, "#category")
    choose(page, "mobilite")
    tab_to(page, "#district")
    choose(page, "sidi-belyout")
    tab_to(page, "#place_label")
    page.keyboard.type("devant l'école Lalla Aicha")
    tab_to(page, "form.idea-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    proposed = db.session.scalar(select(Idea).where(Idea.author_id == resident.id))
    assert proposed is not None and proposed.district.slug == "sidi-belyout" and proposed.approximate
    assert page.url.endswith(f"/ideas/{proposed.id}")

    # Support from the list.
    page.goto(f"{live_url}/ideas?lang={lang}")
    tab_to(page, f"#support-{on_list.id} button")
    page.keyboard.press("Enter")
    page.locator(f"#support-{on_list.id}").get_by_role(
        "button", name=tr(app, lang, "Withdraw my support")
    ).wait_for()
    assert page.locator(f"#support-{on_list.id} [data-support-count]").inner_text() == "1"

    # Support from a map popup: Tab to the marker, Enter opens it with the focus inside.
    page.goto(f"{live_url}/map?lang={lang}")
    page.locator("path.idea-point").first.wait_for()
    tab_to(page, f"path.idea-point[aria-label*='{on_map.title}']")
    page.keyboard.press("Enter")
    page.locator(".idea-popup [data-support] button").wait_for()
    assert page.evaluate("document.activeElement.closest('.idea-popup') !== null")
    tab_to(page, ".idea-popup [data-support] button", limit=8)
    page.keyboard.press("Enter")
    page.locator(".idea-popup").get_by_role("button", name=tr(app, lang, "Withdraw my support")).wait_for()

    # Report the first idea from its page.
    page.goto(f"{live_url}/ideas/{on_list.id}?lang={lang}")
    tab_to(page, "a[href$='/report']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=reason]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert tr(app, lang, "Thank you: the moderators will review your report.") in page.content()

    db.session.expire_all()
    assert on_list.support_count == 1 and on_map.support_count == 1
    assert db.session.scalar(select(Report).where(Report.idea_id == on_list.id)) is not None
    assert page.problems == []
