"""Deciding from the queue: a reason is always chosen, the page keeps its place, names the idea,
and the decision can be undone for a short while, exactly."""

import os
import threading
from datetime import timedelta

import pytest

from app.extensions import db
from app.jobs.models import Job
from app.mapindex.aggregates import placed_count
from app.moderation import services, undo
from app.moderation.models import ModerationAction, Report
from app.notifications.models import Notification
from tests.factories import make_category, make_idea, make_user
from tests.moderation.helpers import version


@pytest.fixture
def window(app):
    app.config["MODERATION_UNDO_SECONDS"] = 30
    return 30


def _actions(idea):
    return [
        a.action
        for a in db.session.query(ModerationAction).filter_by(idea_id=idea.id).order_by(ModerationAction.id)
    ]


def test_the_reject_form_has_no_reason_chosen_in_advance_and_refuses_none(client, auth):
    idea = make_idea(status="pending", title="Un parking")
    db.session.commit()
    auth.login(role="moderator")
    page = client.get("/moderation?lang=fr").get_data(as_text=True)
    select = page[page.index(f'id="reason-{idea.id}"') :]
    select = select[: select.index("</select>")]
    assert "required" in select and 'value="">Choisissez un motif' in select and "selected" not in select
    review = client.get(f"/moderation/ideas/{idea.id}?lang=fr").get_data(as_text=True)
    assert 'value="" selected' in review or '<option selected value="">' in review
    response = client.post(
        f"/moderation/ideas/{idea.id}/reject?lang=en", data={"version": version(idea)}, follow_redirects=True
    )
    assert "Choose a reason from the list." in response.get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.status == "pending" and _actions(idea) == []


def _select(page, select_id):
    select = page[page.index(f'id="{select_id}"') :]
    return select[: select.index("</select>")]


def test_hiding_and_blocking_have_no_reason_chosen_in_advance_and_refuse_none(client, auth):
    idea = make_idea(title="Une affiche")
    db.session.add(Report(idea_id=idea.id, reporter_id=make_user().id, reason="spam"))
    db.session.commit()
    auth.login(role="moderator")
    queue = client.get("/moderation?lang=fr").get_data(as_text=True)
    review = client.get(f"/moderation/ideas/{idea.id}?lang=fr").get_data(as_text=True)
    for select in (
        _select(queue, f"hide-reason-{idea.id}"),
        _select(review, "hide-reason"),
        _select(review, "block-reason"),
    ):
        assert "required" in select and "Choisissez un motif" in select
        assert 'value="spam" selected' not in select and 'selected value="spam"' not in select
    hidden = client.post(
        f"/moderation/ideas/{idea.id}/hide?lang=en",
        data={"version": version(idea), "reason": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    blocked = client.post(
        f"/moderation/users/{idea.author_id}/block?lang=en", data={"reason": ""}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Choose a reason from the list." in hidden and "Choose a reason from the list." in blocked
    db.session.refresh(idea)
    assert idea.status == "published" and not idea.author.is_blocked and _actions(idea) == []


def test_a_decision_keeps_the_place_in_the_queue_and_names_the_idea(client, auth):
    idea, after = make_idea(status="pending", title="Un parking"), make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    page = client.get("/moderation").get_data(as_text=True)
    assert f'name="anchor" value="item-{after.id}"' in page
    response = client.post(
        f"/moderation/ideas/{idea.id}/approve?lang=en",
        data={"version": version(idea), "next": "/moderation", "anchor": f"item-{after.id}"},
    )
    assert response.headers["Location"].endswith(f"/moderation#item-{after.id}")
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    assert "“Un parking” is published." in page
    # Anything else in the anchor field is ignored.
    response = client.post(
        f"/moderation/ideas/{after.id}/approve", data={"version": version(after), "anchor": 'x"><script>'}
    )
    assert "#" not in response.headers["Location"]


def test_bulk_rejecting_a_reported_idea_says_why_it_was_left_alone(client, auth):
    reported = make_idea(title="Affiche")
    db.session.add(Report(idea_id=reported.id, reporter_id=make_user().id, reason="spam"))
    waiting = make_idea(status="pending", title="Un banc")
    db.session.commit()
    auth.login(role="moderator")
    page = client.post(
        "/moderation/bulk?lang=en",
        data={
            "verb": "reject",
            "reason": "off_topic",
            "items": [f"{reported.id}@{version(reported)}", f"{waiting.id}@{version(waiting)}"],
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "“Affiche” (Published): only a waiting idea can be rejected; nothing was changed." in page
    assert "changed while you were" not in page and "1 item decided." in page
    db.session.refresh(reported)
    db.session.refresh(waiting)
    assert (reported.status, waiting.status) == ("published", "rejected")


def test_bulk_without_a_reason_for_the_rejection_changes_nothing(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    page = client.post(
        "/moderation/bulk?lang=en",
        data={"verb": "reject", "items": [f"{idea.id}@{version(idea)}"]},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Choose a reason for the rejection." in page
    db.session.refresh(idea)
    assert idea.status == "pending"


def test_undo_puts_the_idea_back_exactly_and_takes_the_notice_back(client, auth, outbox, window):
    category = make_category()
    author = make_user(language="ar")
    idea = make_idea(author=author, status="pending", category=category, title="Un parking")
    db.session.commit()
    seen = idea.updated_at
    moderator = auth.login(role="moderator")
    placed_before = placed_count(db.session.connection(), "published", category.id, None)
    client.post(f"/moderation/ideas/{idea.id}/approve", data={"version": version(idea)})
    db.session.refresh(idea)
    assert idea.status == "published" and idea.published_at is not None
    assert placed_count(db.session.connection(), "published", category.id, None) == placed_before + 1
    assert db.session.query(Notification).filter_by(user_id=author.id).count() == 1
    assert outbox == []  # held for the undo window
    job = db.session.query(Job).filter_by(name="notification_mail").one()
    assert job.status == "pending" and job.run_after > idea.updated_at + timedelta(seconds=25)
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    action = db.session.query(ModerationAction).one()
    assert f"/moderation/actions/{action.id}/undo" in page and "You can undo it until" in page

    response = client.post(f"/moderation/actions/{action.id}/undo?lang=en", data={"next": "/moderation"})
    assert response.headers["Location"].endswith(f"#item-{idea.id}")
    db.session.expire_all()
    assert (idea.status, idea.published_at, idea.updated_at) == ("pending", None, seen)
    assert placed_count(db.session.connection(), "published", category.id, None) == placed_before
    assert db.session.query(Notification).filter_by(user_id=author.id).count() == 0
    assert db.session.query(Job).filter_by(name="notification_mail").count() == 0
    assert _actions(idea) == ["approve", "undo"]
    assert outbox == []
    # The form the moderator had is valid again, and a second undo is refused.
    assert client.post(f"/moderation/actions/{action.id}/undo").status_code == 302
    assert _actions(idea) == ["approve", "undo"]
    assert moderator is not None


def test_undoing_a_rejection_restores_the_waiting_idea_and_the_queue_count(client, auth, window):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    client.post(f"/moderation/ideas/{idea.id}/reject", data={"version": version(idea), "reason": "duplicate"})
    assert "Waiting for a decision: 0" in client.get("/moderation?lang=en").get_data(as_text=True)
    action = db.session.query(ModerationAction).one()
    client.post(f"/moderation/actions/{action.id}/undo")
    assert "Waiting for a decision: 1" in client.get("/moderation?lang=en").get_data(as_text=True)


def test_only_its_moderator_undoes_a_decision_within_the_window_and_before_anything_else(app, window):
    with app.test_request_context("/?lang=en"):
        _only_its_moderator_within_the_window(window)


def _only_its_moderator_within_the_window(window):
    moderator, colleague = make_user(role="moderator"), make_user(role="moderator")
    idea = make_idea(status="pending")
    decision = services.approve_idea(idea, moderator, idea.updated_at)
    db.session.flush()
    action = decision.action
    with pytest.raises(services.ModerationError, match="Only the moderator"):
        undo.undo_decision(action, colleague, window)
    with pytest.raises(services.ModerationError, match="too late"):
        undo.undo_decision(action, moderator, window, now=action.created_at + timedelta(seconds=31))
    services.hide_idea(idea, colleague, idea.updated_at, "spam")
    with pytest.raises(services.ModerationError, match="Something else happened"):
        undo.undo_decision(action, moderator, window)
    assert idea.status == "hidden"


def test_an_email_that_already_left_is_reported_when_undoing(client, auth, outbox):
    # Without an undo window the mail leaves at once; an undo within a window set later still
    # withdraws the on-site notice and says the email had left.
    author = make_user(language="en")
    idea = make_idea(author=author, status="pending")
    db.session.commit()
    auth.login(role="moderator")
    client.post(f"/moderation/ideas/{idea.id}/approve", data={"version": version(idea)})
    assert len(outbox) == 1
    client.application.config["MODERATION_UNDO_SECONDS"] = 30
    action = db.session.query(ModerationAction).one()
    page = client.post(f"/moderation/actions/{action.id}/undo?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "The email to the author had already left" in page
    db.session.refresh(idea)
    assert idea.status == "pending"
    assert db.session.query(Notification).filter_by(user_id=author.id).count() == 0


@pytest.mark.committing
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL row locks")
def test_an_undo_racing_a_colleagues_hiding_leaves_exactly_one_of_them(app):
    from app.ideas.models import Idea

    moderator, colleague = make_user(role="moderator"), make_user(role="moderator")
    idea = make_idea(status="pending")
    action = services.approve_idea(idea, moderator, idea.updated_at).action
    db.session.commit()
    seen, action_id = idea.updated_at, action.id
    barrier, outcomes = threading.Barrier(2), {}

    def run(name, work):
        with app.test_request_context("/?lang=en"):
            try:
                barrier.wait()
                work()
                db.session.commit()
                outcomes[name] = "done"
            except services.ModerationError:
                db.session.rollback()
                outcomes[name] = "refused"
            finally:
                db.session.remove()

    def undo_it():
        undo.undo_decision(
            db.session.get(ModerationAction, action_id), db.session.get(type(moderator), moderator.id), 30
        )

    def hide_it():
        services.hide_idea(
            db.session.get(Idea, idea.id), db.session.get(type(colleague), colleague.id), seen, "spam"
        )

    threads = [threading.Thread(target=run, args=args) for args in (("undo", undo_it), ("hide", hide_it))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes.values()) == ["done", "refused"]
    db.session.expire_all()
    status = db.session.get(Idea, idea.id).status
    assert status == ("pending" if outcomes["undo"] == "done" else "hidden")
