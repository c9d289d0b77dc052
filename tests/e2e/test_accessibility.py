"""axe-core audits (WCAG 2.1 A and AA) of the main pages, in French and in Arabic."""

from pathlib import Path

import pytest

from tests.e2e.scenery import build_city

pytestmark = pytest.mark.e2e

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
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        found = []
        for violation in result["violations"]:
            if violation["impact"] not in ("serious", "critical") and violation["id"] not in STRUCTURE_RULES:
                continue
            for node in violation["nodes"]:
                found.append(f"{violation['id']}: {node['target']} {node['failureSummary'][:200]}")
        return found

    return run


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_main_pages_have_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    city = build_city()
    idea, event = city["idea"], city["event"]
    public = ["/", "/ideas", f"/ideas/{idea.id}", "/map", "/login", "/register", "/events",
              f"/events/{event.slug}", "/transparency"]
    pages = [(None, path) for path in public]
    pages += [(city["citizen"], "/ideas/new"), (city["citizen"], "/my/supports"),
              (city["moderator"], "/moderation")]
    report = {}
    browsers = {}
    for user, path in pages:
        key = user.id if user else None
        if key not in browsers:
            browsers[key] = open_page(user)
        page = browsers[key]
        sep = "&" if "?" in path else "?"
        page.goto(f"{live_url}{path}{sep}lang={lang}")
        page.wait_for_load_state("networkidle")
        violations = audit(page)
        if violations:
            report[path] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    for page in browsers.values():
        assert page.problems == []
