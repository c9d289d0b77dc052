"""Browser fixtures: the app served on a free local port, and Debian's Chromium driven by
Playwright. Run with `make test-e2e`."""

import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def app_config(app_config):
    # CSRF on, as in production; no SERVER_NAME so that 127.0.0.1:<port> is served.
    return type("BrowserConfig", (app_config,), {"WTF_CSRF_ENABLED": True, "SERVER_NAME": None})


@pytest.fixture
def live_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(app, chromium, live_url):
    """`open_page(user=None, javascript=True)`: a fresh browser context, signed in as `user`.
    Page errors and CSP violations are collected in `page.problems`."""
    contexts = []

    def opener(user=None, javascript=True, width=1100):
        context = chromium.new_context(
            java_script_enabled=javascript, locale="en-GB", viewport={"width": width, "height": 900}
        )
        contexts.append(context)
        if user is not None:
            cookie = app.session_interface.get_signing_serializer(app).dumps(
                {"_user_id": user.get_id(), "_fresh": True}
            )
            context.add_cookies([{"name": "session", "value": cookie, "url": live_url}])
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        page.on("console", lambda m: "Content Security Policy" in m.text and page.problems.append(m.text))
        # Map tiles come from a third party; the tests never need them.
        page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        return page

    yield opener
    for context in contexts:
        context.close()
