"""A moderation team in the browser: the author reads why, undo, claiming, and the staff pages' axe audit."""

import pytest

from app.extensions import db as _db
from app.jobs.models import Job
from app.moderation.models import ModerationAction
from app.notifications.models import Notification
from tests.e2e.scenery import build_city
from tests.factories import make_idea, make_user

pytestmark = pytest.mark.e2e


def test_the_author_reads_the_rejection_reason_and_message_in_arabic(app, db, live_url, open_page):
    author = make_user(name="Nadia Bennani", language="ar")
    moderator = make_user(role="moderator", name="Karim")
    idea = make_idea(author=author, status="pending", title="موقف سيارات فوق الحديقة")
    db.session.commit()
    page = open_page(moderator)
    page.goto(f"{live_url}/moderation?lang=fr")
    item = page.locator(f"#item-{idea.id}")
    item.locator("select[name=reason]").select_option("off_topic")
    with page.expect_navigation():
        item.locator("form.reject-form button[type=submit]").click()
    assert "« موقف سيارات فوق الحديقة » est refusée" in page.locator(".flash").first.inner_text()

    reader = open_page(author)
    reader.goto(f"{live_url}/ideas/{idea.id}?lang=ar")
    decision = reader.locator("section.author-decision")
    text = decision.inner_text()
    assert "قرار المشرفين" in text and "خارج الموضوع" in text and "ما يمكنك فعله الآن" in text
    assert "Message from" not in text and "Reason" not in text
    reader.goto(f"{live_url}/ideas/mine?lang=ar")
    assert "خارج الموضوع" in reader.locator("main .idea-card").first.inner_text()
    # Nobody else reads it.
    stranger = open_page(make_user())
    stranger.goto(f"{live_url}/ideas/{idea.id}?lang=ar")
    assert stranger.locator("section.author-decision").count() == 0
    assert page.problems == [] and reader.problems == []


def test_a_moderator_undoes_a_decision_and_everything_is_as_before(app, db, live_url, open_page, outbox):
    app.config["MODERATION_UNDO_SECONDS"] = 30
    author = make_user(name="Nadia Bennani")
    moderator = make_user(role="moderator")
    first = make_idea(author=author, status="pending", title="Un passage piéton devant l'école")
    second = make_idea(status="pending", title="Des bancs au parc")
    db.session.commit()
    before = first.updated_at
    page = open_page(moderator)
    page.goto(f"{live_url}/moderation?lang=fr")
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("a")
    # The page comes back on the next item and names the decided one.
    assert page.url.endswith(f"#item-{second.id}")
    assert page.evaluate("document.activeElement.id") == f"item-{second.id}"
    assert "« Un passage piéton devant l'école » est publiée." in page.locator(".flash").first.inner_text()
    db.session.expire_all()
    assert first.status == "published"
    assert outbox == []  # the author's email waits for the end of the undo window
    with page.expect_navigation():
        page.locator("[data-undo]").click()
    db.session.expire_all()
    assert (first.status, first.published_at, first.updated_at) == ("pending", None, before)
    assert _db.session.query(Notification).filter_by(user_id=author.id).count() == 0
    assert _db.session.query(Job).filter_by(name="notification_mail").count() == 0
    assert [a.action for a in _db.session.query(ModerationAction).order_by(ModerationAction.id)] == [
        "approve",
        "undo",
    ]
    assert page.locator(f"#item-{first.id}").count() == 1
    assert page.locator("[data-undo]").count() == 0
    assert outbox == [] and page.problems == []


def test_a_bulk_rejection_is_undone_as_one_with_the_u_key(app, db, live_url, open_page, outbox, audit):
    app.config["MODERATION_UNDO_SECONDS"] = 30
    moderator = make_user(role="moderator")
    ideas = [make_idea(status="pending", title=title) for title in ("Un banc", "Une fontaine")]
    kept = make_idea(status="pending", title="Un abri bus")
    db.session.commit()
    page = open_page(moderator)
    page.goto(f"{live_url}/moderation?lang=ar")
    for idea in ideas:
        page.locator(f"#select-{idea.id}").check()
    page.locator("#bulk-verb").select_option("reject")
    page.locator("#bulk-reason").select_option("duplicate")
    with page.expect_navigation():
        page.locator("#bulk-form button[type=submit]").click()
    db.session.expire_all()
    assert [i.status for i in ideas] == ["rejected", "rejected"] and kept.status == "pending"
    assert "عنصران دفعة واحدة" in page.locator(".undo-bar").inner_text()
    assert audit(page) == []
    page.locator("body").click()
    with page.expect_navigation():
        page.keyboard.press("u")
    db.session.expire_all()
    assert [i.status for i in ideas] == ["pending", "pending"]
    assert "أُلغي قراران" in page.locator(".flash").first.inner_text()
    assert _db.session.query(Notification).count() == 0 and outbox == []
    assert page.locator("[data-undo]").count() == 0 and page.problems == []


def test_a_moderator_claims_an_item_and_finds_it_under_my_items(app, db, live_url, open_page):
    moderator = make_user(role="moderator", name="Karim")
    idea = make_idea(status="pending", title="Des bancs au parc")
    other = make_idea(status="pending", title="Une fontaine")
    db.session.commit()
    page = open_page(moderator)
    page.goto(f"{live_url}/moderation?lang=en")
    with page.expect_navigation():
        page.locator(f"#item-{idea.id} form.claim-line button").click()
    assert "Held by Karim" in page.locator(f"#item-{idea.id}").inner_text()
    page.click("nav.queue-views >> text=My items")
    page.wait_for_load_state()
    assert page.locator(f"#item-{idea.id}").count() == 1 and page.locator(f"#item-{other.id}").count() == 0
    page.click("nav.queue-views >> text=Items nobody holds")
    page.wait_for_load_state()
    assert page.locator(f"#item-{idea.id}").count() == 0 and page.locator(f"#item-{other.id}").count() == 1
    assert page.problems == []


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_staff_pages_have_no_serious_accessibility_violation(app, db, live_url, open_page, audit, lang):
    from app.moderation import services, team

    city = build_city()
    admin = make_user(role="admin", name="Amina Admin")
    pending = make_idea(status="pending", title="Une fontaine", author=city["citizen"])
    services.reject_idea(pending, city["moderator"], pending.updated_at, "off_topic", "Hors sujet ici.")
    waiting = make_idea(status="pending", title="Un abri bus")
    team.claim_item(waiting, city["moderator"])
    team.add_note(waiting, city["moderator"], "À voir avec la voirie.")
    db.session.commit()
    idea = city["idea"]
    page = open_page(admin)
    report = {}
    for path in [
        "/moderation",
        "/moderation?assigned=mine",
        f"/moderation/ideas/{waiting.id}",
        f"/moderation/ideas/{idea.id}",
        f"/moderation/ideas/{idea.id}/public-status",
        "/moderation/log",
        "/moderation/stats",
        "/moderation/texts",
        "/admin/users",
        "/admin/outbox",
        "/transparency",
    ]:
        sep = "&" if "?" in path else "?"
        page.goto(f"{live_url}{path}{sep}lang={lang}")
        page.wait_for_load_state("networkidle")
        violations = audit(page)
        if violations:
            report[path] = violations
    author = open_page(city["citizen"])
    for path in [f"/ideas/{pending.id}", "/ideas/mine"]:
        author.goto(f"{live_url}{path}?lang={lang}")
        violations = audit(author)
        if violations:
            report[path] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    assert page.problems == [] and author.problems == []
