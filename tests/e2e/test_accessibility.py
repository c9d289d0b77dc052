"""axe-core audits (WCAG 2.1 A and AA) of the main pages, in French, Arabic and English."""

import pytest

from tests.e2e.scenery import build_city
from tests.factories import make_user

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
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
        "/open-data",
        "/api/v1/docs",
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
    # Forms sent back with errors: the summary, the messages tied to their fields.
    for user, path, submit in [
        (None, "/register", "main form button[type=submit]"),
        (city["citizen"], "/ideas/new", "form.idea-form button[type=submit]"),
    ]:
        page = browsers[user.id if user else None]
        page.goto(f"{live_url}{path}?lang={lang}")
        page.click(submit)
        page.wait_for_load_state()
        assert page.locator(".error-summary").count() == 1
        violations = audit(page)
        if violations:
            report[f"{path} (errors)"] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    for page in browsers.values():
        assert page.problems == []


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_failed_jobs_page_has_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    from app.core.time import utcnow
    from app.jobs.models import Job
    from tests.factories import make_user

    admin = make_user(role="admin")
    db.session.add(
        Job(
            name="notification_mail",
            payload={"notification_id": 1},
            status="failed",
            attempts=5,
            last_error="ConnectionRefusedError: smtp refused",
            finished_at=utcnow(),
        )
    )
    db.session.commit()
    page = open_page(admin)
    page.goto(f"{live_url}/admin/jobs?lang={lang}")
    page.wait_for_load_state("networkidle")
    assert page.locator("table tbody tr").count() == 1
    assert audit(page) == []
    assert page.problems == []


def _contrast(rgb_a, rgb_b):
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(rgb_a), luminance(rgb_b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css):
    return [int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]


def test_keyboard_users_skip_to_the_content_and_see_where_focus_is(db, live_url, open_page):
    build_city()
    page = open_page()
    page.goto(f"{live_url}/ideas?lang=ar")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   return {inMain: !!e.closest('main'), outline: s.outlineColor, width: s.outlineWidth,
                           paper: getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)'
                             ? getComputedStyle(document.documentElement).backgroundColor
                             : getComputedStyle(document.body).backgroundColor}; }"""
    )
    assert focused["inMain"] and focused["width"] == "3px"
    # WCAG 1.4.11: the focus ring stands out from the page at 3:1 at least.
    assert _contrast(_rgb(focused["outline"]), _rgb(focused["paper"])) >= 3
    assert page.problems == []


def _every_page_type(db):
    """The page types the main audit does not cover, each with the person who sees it."""
    from app.creathon.models import Outcome
    from app.moderation import reporting
    from app.moderation import services as moderation_services
    from tests.factories import make_idea

    city = build_city()
    citizen, moderator, idea, event = city["citizen"], city["moderator"], city["idea"], city["event"]
    admin = make_user(role="admin", name="Admin Agora")
    facilitator = make_user(role="facilitator", name="Nadia (facilitatrice)")
    unverified = make_user(verified=False)
    own_published = make_idea(author=citizen, title="Un banc devant l'école", category=city["category"])
    own_pending = make_idea(author=citizen, title="Une fontaine", status="pending", category=city["category"])
    rejected = make_idea(author=citizen, title="Trop vague", status="pending", category=city["category"])
    moderation_services.reject_idea(rejected, moderator, rejected.updated_at, "off_topic")
    reporting.set_public_status(own_published, moderator, "planned", "Les travaux sont prévus.")
    event.facilitators.append(facilitator)
    db.session.commit()
    outcome = db.session.query(Outcome).first()
    return [
        (None, "/register/check-inbox"),
        (None, "/reset"),
        (None, "/privacy"),
        (None, f"/events/{event.slug}/outcomes/{outcome.id}"),
        (None, "/ideas?page=9"),
        (unverified, "/ideas/new"),
        (citizen, "/"),
        (citizen, "/account"),
        (citizen, "/account/delete"),
        (citizen, "/notifications"),
        (citizen, "/ideas/mine"),
        (citizen, f"/ideas/{own_pending.id}/edit"),
        (citizen, f"/ideas/{own_pending.id}/withdraw"),
        (citizen, f"/ideas/{own_published.id}"),
        (citizen, f"/ideas/{own_published.id}/correction"),
        (citizen, f"/ideas/{idea.id}/report"),
        (citizen, f"/ideas/{idea.id}/support/confirm"),
        (facilitator, "/events/new"),
        (facilitator, f"/events/{event.slug}/edit"),
        (facilitator, f"/events/{event.slug}/import"),
        (facilitator, f"/events/{event.slug}/imports"),
        (moderator, f"/moderation/ideas/{idea.id}/public-status"),
        (moderator, "/moderation?view=reports"),
        (admin, "/admin/users"),
        (admin, "/admin/categories"),
        (admin, f"/admin/categories/{city['category'].id}"),
        (admin, "/admin/votes"),
        (admin, "/admin/outbox"),
    ]


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_other_page_type_has_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    pages = _every_page_type(db)
    report, browsers = {}, {}
    for user, path in pages:
        key = user.id if user else None
        if key not in browsers:
            browsers[key] = open_page(user)
        page = browsers[key]
        sep = "&" if "?" in path else "?"
        response = page.goto(f"{live_url}{path}{sep}lang={lang}")
        assert response.status < 500, path
        page.wait_for_load_state("networkidle")
        violations = audit(page)
        if violations:
            report[path] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    for page in browsers.values():
        assert page.problems == []
