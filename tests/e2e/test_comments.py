"""A resident comments and replies with and without JavaScript, in Arabic too; hostile comments
never run; axe finds no serious violation on an idea page with a discussion (fr, ar, en)."""

import pytest
from playwright.sync_api import expect

from app.comments import services
from app.comments.models import Comment
from app.extensions import db
from tests.factories import make_idea, make_user
from tests.security.payload_city import load_payloads

pytestmark = pytest.mark.e2e

HOOK = "window.__xssFired = []; window.__xss = function (n) { window.__xssFired.push(String(n)); };"


def _discussion(idea):
    first = services.post_comment(make_user(name="Nadia"), idea, "Mettez le banc à l'ombre.", stance="for")
    services.post_comment(make_user(name="Youssef"), idea, "Le trottoir est trop étroit.", stance="against")
    services.post_comment(make_user(name="Amine"), idea, "ضعوا المقعد في الظل", parent=first)
    db.session.commit()
    return first


def test_resident_comments_and_replies_without_javascript(db, live_url, open_page):
    idea = make_idea()
    first = _discussion(idea)
    resident = make_user(name="Salma")
    db.session.commit()
    page = open_page(resident, javascript=False)
    page.goto(f"{live_url}/ideas/{idea.id}?lang=fr")
    page.fill("#comment-body", "Et des arbres aussi.")
    page.check("input[name=stance][value=for]")
    page.click("form.comment-form button[type=submit]")
    assert "Votre commentaire est publié." in page.inner_text(".flashes")
    assert page.locator("li.comment", has_text="Et des arbres aussi.").count() == 1
    page.click(f"#comment-{first.id} details.reply summary")
    page.fill(f"#reply-{first.id}", "Je suis d'accord.")
    page.click(f"#comment-{first.id} details.reply button[type=submit]")
    assert page.locator(f"[data-replies-of='{first.id}'] li", has_text="Je suis d'accord.").count() == 1
    assert page.problems == []


def test_resident_comments_and_replies_in_place_with_javascript_in_arabic(db, live_url, open_page):
    idea = make_idea()
    first = _discussion(idea)
    resident = make_user(name="سلمى", language="ar")
    db.session.commit()
    page = open_page(resident)
    page.goto(f"{live_url}/ideas/{idea.id}?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    url = page.url
    page.fill("#comment-body", "نريد أشجاراً أيضاً")
    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector("li.comment:has-text('نريد أشجاراً أيضاً')")
    assert page.url == url  # posted in place
    # comments.js empties the live region, then fills it 50 ms later so that a repeated message is
    # announced again: wait for the announcement rather than read it as soon as the comment shows.
    expect(page.locator("[data-comment-live]")).to_have_text("تم نشر تعليقك.")
    posted = page.locator("li.comment", has_text="نريد أشجاراً أيضاً").locator(".comment-body")
    assert posted.get_attribute("lang") == "ar" and posted.get_attribute("dir") == "auto"
    count = page.locator(f"[data-reply-count-of='{first.id}']")
    expect(count).to_have_text("ردّ واحد")
    page.click(f"#comment-{first.id} details.reply summary")
    page.fill(f"#reply-{first.id}", "أوافق تماماً")
    page.click(f"#comment-{first.id} details.reply button[type=submit]")
    page.wait_for_selector(f"[data-replies-of='{first.id}'] li:has-text('أوافق تماماً')")
    expect(page.locator("[data-comment-live]")).to_have_text("تم نشر ردّك.")
    expect(count).to_have_text("ردّان")  # the count above the replies follows
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 5
    assert page.problems == []


def test_payload_comments_never_run(db, live_url, open_page):
    idea = make_idea()
    author = make_user(name="Payload")
    for payload in load_payloads():
        services.post_comment(author, idea, payload)
    db.session.commit()
    found = []
    for lang in ("fr", "ar"):
        page = open_page(make_user())
        page.add_init_script(HOOK)
        page.on("dialog", lambda dialog: (found.append(f"dialog {dialog.message}"), dialog.dismiss()))
        for sort in ("oldest", "newest"):
            page.goto(f"{live_url}/ideas/{idea.id}?lang={lang}&sort={sort}")
            page.wait_for_timeout(50)
            fired = page.evaluate("window.__xssFired")
            injected = page.evaluate(
                "Array.from(document.querySelectorAll('.comment-body [data-xss], .comment-body script,"
                " .comment-body img, .comment-body svg, .comment-body iframe'), e => e.outerHTML)"
            )
            links = page.evaluate(
                "Array.from(document.querySelectorAll('.comment-body a'), a => [a.protocol, a.rel])"
            )
            found.extend(f"{lang} fired {x}" for x in fired)
            found.extend(f"{lang} injected {x}" for x in injected)
            found.extend(f"{lang} link {p}" for p, rel in links if p not in ("http:", "https:"))
            found.extend(f"{lang} rel {rel}" for p, rel in links if rel != "nofollow ugc noopener")
            assert "agora49agora" not in page.inner_text(".discussion")
        found.extend(page.problems)
    assert found == []


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_idea_page_with_comments_has_no_serious_accessibility_violation(db, live_url, open_page, audit, lang):
    idea = make_idea()
    first = _discussion(idea)
    hidden = services.post_comment(make_user(), idea, "Un mot déplacé", parent=first)
    services.change_status(hidden, hidden.updated_at, ("published",), "hidden")
    resident, moderator = make_user(), make_user(role="moderator")
    db.session.commit()
    # The moderator's page also holds the hidden reply and its "Restore" form.
    for user in (None, resident, moderator):
        page = open_page(user)
        page.goto(f"{live_url}/ideas/{idea.id}?lang={lang}")
        page.wait_for_load_state("networkidle")
        assert audit(page) == []
        assert page.problems == []


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_comment_and_following_pages_have_no_serious_accessibility_violation(
    db, live_url, open_page, audit, lang
):
    from app.follows import services as follows
    from app.follows.tokens import unsubscribe_token
    from app.moderation import comment_decisions

    idea = make_idea()
    first = _discussion(idea)
    resident = make_user()
    own = services.post_comment(resident, idea, "Mon commentaire récent")
    follows.follow(resident, "idea", idea.id)
    comment_decisions.report_comment(first, make_user(), "spam")
    moderator = make_user(role="moderator")
    db.session.commit()
    pages = [
        (resident, "/follows"),
        (resident, f"/comments/{own.id}/edit"),
        (resident, f"/comments/{first.id}/report"),
        (None, f"/unsubscribe/{unsubscribe_token(resident.id)}"),
        (moderator, "/moderation?type=comments"),
        (None, "/transparency"),
    ]
    report = {}
    for user, path in pages:
        page = open_page(user)
        sep = "&" if "?" in path else "?"
        page.goto(f"{live_url}{path}{sep}lang={lang}")
        page.wait_for_load_state("networkidle")
        violations = audit(page) + page.problems
        if violations:
            report[path] = violations
    assert report == {}
