"""axe-core audits (WCAG 2.1 A and AA) of the main pages, in French and in Arabic."""

import pytest

from tests.e2e.scenery import build_city

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_main_pages_have_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    city = build_city()
    idea, event = city["idea"], city["event"]
    public = [
        "/",
        "/ideas",
        f"/ideas/{idea.id}",
        "/map",
        "/login",
        "/register",
        "/events",
        f"/events/{event.slug}",
        "/transparency",
    ]
    pages = [(None, path) for path in public]
    pages += [
        (city["citizen"], "/ideas/new"),
        (city["citizen"], "/my/supports"),
        (city["moderator"], "/moderation"),
        (city["moderator"], f"/moderation/ideas/{idea.id}"),
    ]
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
