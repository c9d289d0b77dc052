"""The author of a held-back idea (only) reads the reason, the message and what to do next; every
notice reads in the recipient's language."""

from html import unescape

from app.extensions import db
from app.moderation import reporting, services
from app.notifications.models import Notification
from tests.factories import make_idea, make_user
from tests.moderation.helpers import version


def _rejected(author, reason="off_topic", message="Ce lieu relève de la préfecture."):
    moderator = make_user(role="moderator")
    idea = make_idea(author=author, status="pending", title="Un parking")
    services.reject_idea(idea, moderator, idea.updated_at, reason, message)
    db.session.commit()
    return idea


def test_the_author_reads_the_reason_the_message_and_the_next_step(client, auth):
    author = make_user(language="ar")
    idea = _rejected(author)
    auth.login_as(author)
    page = client.get(f"/ideas/{idea.id}?lang=ar").get_data(as_text=True)
    assert "قرار المشرفين" in page and "خارج الموضوع" in page and "Ce lieu relève de la préfecture." in page
    assert "اقتراح فكرة جديدة" in page  # what they can do next
    mine = client.get("/ideas/mine?lang=ar").get_data(as_text=True)
    assert "خارج الموضوع" in mine and "Ce lieu relève de la préfecture." in mine


def test_nobody_but_the_author_reads_it(client, auth):
    idea = _rejected(make_user())
    for role in ("citizen", "moderator"):
        auth.login(role=role)
        page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
        assert "The moderators' decision" not in unescape(page) and "préfecture" not in page


def test_a_duplicate_points_to_supporting_and_changes_requested_to_editing(client, auth):
    author = make_user(language="fr")
    duplicate = _rejected(author, reason="duplicate", message="")
    moderator = make_user(role="moderator")
    sent_back = make_idea(author=author, status="pending")
    services.request_changes(sent_back, moderator, sent_back.updated_at, "Ajoutez une photo.")
    db.session.commit()
    auth.login_as(author)
    page = unescape(client.get(f"/ideas/{duplicate.id}?lang=fr").get_data(as_text=True))
    assert "Une idée semblable est déjà publiée" in page
    page = unescape(client.get(f"/ideas/{sent_back.id}?lang=fr").get_data(as_text=True))
    assert "Ajoutez une photo." in page and f"/ideas/{sent_back.id}/edit" in page


def test_a_rejection_notice_is_entirely_in_arabic_by_mail_and_on_the_site(client, auth, outbox):
    author = make_user(language="ar")
    idea = make_idea(author=author, status="pending", title="حديقة")
    db.session.commit()
    auth.login(role="moderator")
    client.post(
        f"/moderation/ideas/{idea.id}/reject",
        data={"version": version(idea), "reason": "offensive", "message": "يرجى الاحترام"},
    )
    (mail,) = outbox
    assert "رسالة من المشرفين: \u2068يرجى الاحترام\u2069" in mail.body  # the message isolated
    assert "Message from" not in mail.body and "Message des" not in mail.body
    auth.login_as(author)
    page = client.get("/notifications?lang=ar").get_data(as_text=True)
    assert "رسالة من المشرفين: \u2068يرجى الاحترام\u2069" in page and "Message from" not in page
    assert db.session.query(Notification).count() == 1


def test_the_citys_answer_reaches_each_reader_in_their_language_or_marked_as_another(client, auth, outbox):
    arabic, english = make_user(language="ar"), make_user(language="en")
    idea = make_idea(author=arabic)
    from tests.moderation.helpers import support

    support(idea, english)
    moderator = make_user(role="moderator")
    reporting.set_public_status(
        idea,
        moderator,
        "planned",
        {"fr": "Budget voté pour 2027.", "ar": "الميزانية مصادق عليها لسنة 2027."},
        "mobility",
    )
    db.session.commit()
    bodies = {m.to[0]: m.body for m in outbox}
    assert "الميزانية مصادق عليها لسنة 2027." in bodies[arabic.email] and "Budget" not in bodies[arabic.email]
    assert "(Not translated into your language:) Budget voté pour 2027." in bodies[english.email]
