"""In Chromium: the support button updates in place and announces the count (JavaScript on),
and still works as a plain form (JavaScript off). Run with `pytest -m e2e tests/votes`."""

import socket
import threading

import pytest
from werkzeug.serving import make_server

from app.votes import services
from tests.factories import make_idea, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def app_config(app_config):
    return type("BrowserConfig", (app_config,), {"WTF_CSRF_ENABLED": True, "SERVER_NAME": None})


@pytest.fixture
def live_url(app):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def _browser_page(app, live_url, user, javascript=True):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
    context = browser.new_context(java_script_enabled=javascript, locale="en-GB")
    cookie = app.session_interface.get_signing_serializer(app).dumps(
        {"_user_id": user.get_id(), "_fresh": True}
    )
    context.add_cookies([{"name": "session", "value": cookie, "url": live_url}])
    return playwright, browser, context.new_page()


@pytest.fixture
def supported_idea(db):
    user = make_user(language="en")
    idea = make_idea(title="Shade at the tram stop")
    services.cast_vote(user, idea)
    db.session.commit()
    return user, idea


def test_button_updates_in_place_and_announces_the_count(app, db, live_url, supported_idea):
    user, idea = supported_idea
    playwright, browser, page = _browser_page(app, live_url, user)
    try:
        page.goto(f"{live_url}/my/supports?lang=en")
        box = page.locator(f"#support-{idea.id}")
        box.get_by_role("button", name="Withdraw my support").click()
        box.get_by_role("button", name="Support this idea").wait_for()
        assert box.locator("[data-support-count]").inner_text() == "0"
        page.wait_for_function("document.querySelector('[data-support-status]').textContent.length > 0")
        assert box.locator("[data-support-status]").inner_text() == "Your support is withdrawn. Supports: 0"
        assert page.url.endswith("/my/supports?lang=en")
        box.get_by_role("button", name="Support this idea").click()
        box.get_by_role("button", name="Withdraw my support").wait_for()
        assert box.locator("[data-support-count]").inner_text() == "1"
    finally:
        browser.close()
        playwright.stop()
    db.session.expire_all()
    assert idea.support_count == 1


def test_without_javascript_the_form_posts_and_comes_back(app, db, live_url, supported_idea):
    user, idea = supported_idea
    playwright, browser, page = _browser_page(app, live_url, user, javascript=False)
    try:
        page.goto(f"{live_url}/my/supports?lang=en")
        page.locator(f"#support-{idea.id}").get_by_role("button", name="Withdraw my support").click()
        page.wait_for_load_state()
        assert "Your support is withdrawn. Supports: 0" in page.content()
    finally:
        browser.close()
        playwright.stop()
    db.session.expire_all()
    assert idea.support_count == 0
