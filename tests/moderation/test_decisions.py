"""Each decision through the queue: what changes, what the author is told, what is logged."""

import pytest

from app.extensions import db
from app.moderation.models import ModerationAction
from app.notifications.models import Notification
from tests.conftest import Auth
from tests.factories import make_idea, make_user
from tests.moderation.helpers import support, version


def _post(client, idea, verb, **data):
    return client.post(f"/moderation/ideas/{idea.id}/{verb}", data={"version": version(idea), **data})


def _actions(idea):
    return [a.action for a in db.session.query(ModerationAction).filter_by(idea_id=idea.id)]


def test_approving_publishes_the_idea_and_tells_the_author(client, auth, outbox):
    author = make_user(language="en")
    idea = make_idea(author=author, status="pending", title="Shade on Zerktouni")
    db.session.commit()
    auth.login(role="moderator")
    response = _post(client, idea, "approve")
    assert response.status_code == 302
    db.session.refresh(idea)
    assert idea.status == "published" and idea.published_at is not None
    assert _actions(idea) == ["approve"]
    assert len(outbox) == 1 and outbox[0].to == [author.email]
    assert "Your idea “\u2068Shade on Zerktouni\u2069” has been published." in outbox[0].body


def test_rejecting_needs_a_reason_and_the_author_reads_it_in_french(client, auth, outbox):
    author = make_user(language="fr")
    idea = make_idea(author=author, status="pending", title="Un parking")
    db.session.commit()
    auth.login(role="moderator")
    _post(client, idea, "reject", reason="not-a-reason")
    db.session.refresh(idea)
    assert idea.status == "pending" and outbox == []
    _post(client, idea, "reject", reason="outside_area", message="Le lieu est hors de la commune.")
    db.session.refresh(idea)
    assert idea.status == "rejected"
    body = outbox[0].body
    assert "n'a pas été publiée" in body and "Hors du territoire de la ville" in body
    assert "Le lieu est hors de la commune." in body
    action = db.session.query(ModerationAction).filter_by(idea_id=idea.id).one()
    assert action.reason == "outside_area" and action.message == "Le lieu est hors de la commune."


def test_requesting_changes_sends_the_idea_back_with_the_message_in_arabic(client, auth, outbox):
    author = make_user(language="ar")
    idea = make_idea(author=author, status="pending", title="حديقة")
    db.session.commit()
    auth.login(role="moderator")
    _post(client, idea, "request-changes", message="")
    db.session.refresh(idea)
    assert idea.status == "pending"
    _post(client, idea, "request-changes", message="أضف صورة")
    db.session.refresh(idea)
    assert idea.status == "changes_requested"
    assert "أضف صورة" in outbox[0].body and "يطلب المشرفون" in outbox[0].body


def test_hiding_and_restoring_tell_the_author_and_the_supporters(client, auth, outbox):
    author = make_user(language="en")
    idea = make_idea(author=author, title="Bike lane")
    fan = make_user(language="en")
    support(idea, fan)
    db.session.commit()
    auth.login(role="moderator")
    _post(client, idea, "hide", reason="offensive")
    db.session.refresh(idea)
    assert idea.status == "hidden"
    texts = sorted(m.body for m in outbox)
    assert any("Your idea “\u2068Bike lane\u2069” has been hidden. Reason: Offensive" in t for t in texts)
    assert any("An idea you support, “\u2068Bike lane\u2069”, has been hidden." in t for t in texts)
    outbox.clear()
    _post(client, idea, "restore")
    db.session.refresh(idea)
    assert idea.status == "published"
    assert {m.to[0] for m in outbox} == {author.email, fan.email}
    assert _actions(idea) == ["hide", "restore"]


def test_supporters_who_opted_out_get_no_email_nor_notification(client, auth, outbox):
    from app.notifications.services import set_supporter_updates

    idea = make_idea(title="Crossing")
    quiet = make_user()
    set_supporter_updates(quiet, False)
    support(idea, quiet)
    db.session.commit()
    auth.login(role="moderator")
    _post(client, idea, "hide", reason="spam")
    assert quiet.email not in {m.to[0] for m in outbox}
    assert db.session.query(Notification).filter_by(user_id=quiet.id).count() == 0


def test_correcting_the_category_and_place_is_logged_with_before_and_after(client, auth):
    from tests.factories import make_category

    idea = make_idea(status="published", lat=33.5, lng=-7.6)
    old_category = idea.category_id
    other = make_category()
    db.session.commit()
    auth.login(role="moderator")
    _post(client, idea, "correct", category=str(other.id), lat="33.51", lng="-7.61", district="")
    db.session.refresh(idea)
    assert (idea.category_id, idea.lat, idea.lng) == (other.id, 33.51, -7.61)
    action = db.session.query(ModerationAction).filter_by(idea_id=idea.id, action="correct").one()
    assert action.before == {"category_id": old_category, "lat": 33.5, "lng": -7.6}
    assert action.after == {"category_id": other.id, "lat": 33.51, "lng": -7.61}


def test_blocking_a_user_hides_their_waiting_ideas_and_stops_them(client, auth, outbox):
    author = make_user(language="en")
    waiting = make_idea(author=author, status="pending")
    published = make_idea(author=author, status="published")
    db.session.commit()
    auth.login(role="moderator")
    client.post(f"/moderation/users/{author.id}/block", data={"reason": "spam"})
    db.session.expire_all()
    assert author.is_blocked
    assert waiting.status == "hidden" and published.status == "published"
    assert "Your account has been blocked" in outbox[0].body
    assert (
        db.session.query(ModerationAction).filter_by(action="block_user", target_user_id=author.id).count()
        == 1
    )


def test_blocking_a_user_ends_the_sessions_they_had_open(app, client, auth):
    author = make_user()
    db.session.commit()
    theirs = app.test_client()
    Auth(theirs).login_as(author)
    assert theirs.get("/account").status_code == 200
    auth.login(role="moderator")
    client.post(f"/moderation/users/{author.id}/block", data={"reason": "spam"})
    assert theirs.get("/account").status_code == 302


def test_staff_cannot_be_blocked_from_the_queue(client, auth):
    colleague = make_user(role="moderator")
    db.session.commit()
    auth.login(role="moderator")
    client.post(f"/moderation/users/{colleague.id}/block", data={"reason": "spam"})
    db.session.refresh(colleague)
    assert not colleague.is_blocked


def test_bulk_approval_publishes_every_selected_item(client, auth, outbox):
    ideas = [make_idea(status="pending") for _ in range(3)]
    db.session.commit()
    auth.login(role="moderator")
    items = [f"{i.id}@{version(i)}" for i in ideas[:2]]
    client.post("/moderation/bulk", data={"verb": "approve", "items": items})
    db.session.expire_all()
    assert [i.status for i in ideas] == ["published", "published", "pending"]
    assert len(outbox) == 2


def test_bulk_rejection_requires_a_reason_and_changes_nothing_without_it(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    client.post(
        "/moderation/bulk", data={"verb": "reject", "reason": "", "items": [f"{idea.id}@{version(idea)}"]}
    )
    db.session.refresh(idea)
    assert idea.status == "pending"
    client.post(
        "/moderation/bulk",
        data={"verb": "reject", "reason": "duplicate", "items": [f"{idea.id}@{version(idea)}"]},
    )
    db.session.refresh(idea)
    assert idea.status == "rejected"


@pytest.mark.parametrize("role", ["citizen", "facilitator"])
def test_citizens_and_facilitators_are_refused_staff_pages(client, auth, role):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role=role)
    assert client.get("/moderation").status_code == 403
    assert client.get(f"/moderation/ideas/{idea.id}").status_code == 403
    assert _post(client, idea, "approve").status_code == 403
    assert client.post("/moderation/bulk", data={"verb": "approve"}).status_code == 403
    assert client.get(f"/moderation/ideas/{idea.id}/public-status").status_code == 403
    db.session.refresh(idea)
    assert idea.status == "pending"


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/moderation")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admins_can_moderate_too(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="admin")
    _post(client, idea, "approve")
    db.session.refresh(idea)
    assert idea.status == "published"
