"""axe-core audits (WCAG 2.1 A and AA) of the dashboard and the district populations page, in
French, Arabic and English; and the filters used without JavaScript."""

import pytest

from tests.e2e.scenery import build_city
from tests.factories import make_user

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_dashboard_pages_have_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    build_city()
    admin = make_user(role="admin")
    db.session.commit()
    report = {}
    for user, path in [
        (None, "/dashboard?period=all"),
        (None, "/dashboard?period=m12&measure=supports"),
        (None, "/dashboard?period=forever"),  # sent back with an error
        (admin, "/dashboard/populations"),
    ]:
        page = open_page(user)
        page.goto(f"{live_url}{path}&lang={lang}" if "?" in path else f"{live_url}{path}?lang={lang}")
        page.wait_for_load_state("networkidle")
        assert page.problems == [], page.problems  # no script error, no CSP violation
        violations = audit(page)
        if violations:
            report[path] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())


def test_dashboard_filters_work_without_javascript(db, live_url, open_page):
    build_city()
    page = open_page(None, javascript=False)
    page.goto(f"{live_url}/dashboard?lang=en")
    page.select_option("#period", "all")
    page.click("form.dashboard-filters button[type=submit]")
    page.wait_for_load_state()
    assert "period=all" in page.url
    assert page.locator("#months-caption").count() == 1
