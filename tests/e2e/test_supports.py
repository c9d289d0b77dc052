"""In Chromium: the support button updates in place and announces the count (JavaScript on),
and still works as a plain form (JavaScript off). Run with `make test-e2e`."""

import pytest
from playwright.sync_api import expect

from app.votes import services
from tests.factories import make_idea, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def supported_idea(db):
    user = make_user(language="en")
    idea = make_idea(title="Shade at the tram stop")
    services.cast_vote(user, idea)
    db.session.commit()
    return user, idea


def test_button_updates_in_place_and_announces_the_count(db, live_url, open_page, supported_idea):
    user, idea = supported_idea
    page = open_page(user)
    page.goto(f"{live_url}/my/supports?lang=en")
    box = page.locator(f"#support-{idea.id}")
    box.get_by_role("button", name="Withdraw my support").click()
    box.get_by_role("button", name="Support this idea").wait_for()
    assert box.locator("[data-support-count]").inner_text() == "0"
    # A locator assertion polls without eval, which the page CSP (no 'unsafe-eval') would block.
    expect(box.locator("[data-support-status]")).to_have_text("Your support is withdrawn. Supports: 0")
    assert page.url.endswith("/my/supports?lang=en")
    box.get_by_role("button", name="Support this idea").click()
    box.get_by_role("button", name="Withdraw my support").wait_for()
    assert box.locator("[data-support-count]").inner_text() == "1"
    db.session.expire_all()
    assert idea.support_count == 1


def test_without_javascript_the_form_posts_and_comes_back(db, live_url, open_page, supported_idea):
    user, idea = supported_idea
    page = open_page(user, javascript=False)
    page.goto(f"{live_url}/my/supports?lang=en")
    page.locator(f"#support-{idea.id}").get_by_role("button", name="Withdraw my support").click()
    page.wait_for_load_state()
    assert "Your support is withdrawn. Supports: 0" in page.content()
    db.session.expire_all()
    assert idea.support_count == 0
