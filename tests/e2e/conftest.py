"""Browser fixtures: the app served on a free local port, and Debian's Chromium driven by
Playwright. Run with `make test-e2e`."""

import threading
from pathlib import Path

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
        # The policy also reports as an event, including violations no console message shows.
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        # Map tiles come from a third party; the tests never need them.
        page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        return page

    yield opener
    for context in contexts:
        context.close()


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Structure that screen-reader users navigate by: any violation counts, whatever its impact.
STRUCTURE_RULES = {"heading-order", "page-has-heading-one", "landmark-one-main", "region", "duplicate-id"}


@pytest.fixture(scope="session")
def axe_source():
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def audit(axe_source):
    """`audit(page)`: the serious and critical axe violations on the loaded page (and any
    structural one), as text.
    `evaluate` runs through the DevTools protocol, so the page CSP (rightly) stays strict."""

    def run(page):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        found = []
        for violation in result["violations"]:
            if violation["impact"] not in ("serious", "critical") and violation["id"] not in STRUCTURE_RULES:
                continue
            for node in violation["nodes"]:
                found.append(f"{violation['id']}: {node['target']} {node['failureSummary'][:200]}")
        return found

    return run
