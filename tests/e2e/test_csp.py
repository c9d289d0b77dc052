"""Every page runs under the strict CSP without a blocked resource or a script error."""

import pytest

from tests.e2e.scenery import build_city
from tests.factories import make_user

pytestmark = pytest.mark.e2e


def test_pages_for_every_role_raise_no_csp_violation_and_no_script_error(db, live_url, open_page):
    city = build_city()
    admin = make_user(role="admin")
    facilitator = make_user(role="facilitator")
    db.session.commit()
    idea, event = city["idea"], city["event"]
    visits = {
        None: ["/", "/ideas", f"/ideas/{idea.id}", "/map", "/events", f"/events/{event.slug}"],
        city["citizen"]: [
            "/transparency",
            "/ideas/new",
            "/ideas/mine",
            "/my/supports",
            "/notifications",
            "/account",
        ],
        city["moderator"]: ["/moderation", f"/moderation/ideas/{idea.id}"],
        facilitator: ["/events/new", f"/events/{event.slug}/import"],
        admin: ["/admin/users", "/admin/outbox", "/admin/categories", "/moderation"],
    }
    statuses = {}
    for user, paths in visits.items():
        page = open_page(user)
        for path in paths:
            response = page.goto(f"{live_url}{path}?lang=ar")
            page.wait_for_load_state("networkidle")
            if response.status != 200:
                statuses[path] = response.status
        assert page.problems == [], (user, page.problems)
    assert statuses == {}
