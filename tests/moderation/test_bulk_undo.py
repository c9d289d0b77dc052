"""Undoing a bulk decision: one undo for the whole batch, within the window, all or nothing."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.jobs.models import Job
from app.moderation import bulk, services, undo
from app.moderation.models import ModerationAction
from app.notifications.models import Notification
from tests.factories import make_idea, make_user
from tests.moderation.helpers import version


@pytest.fixture
def window(app):
    app.config["MODERATION_UNDO_SECONDS"] = 30
    return 30


def _bulk(client, verb, ideas, **fields):
    return client.post(
        "/moderation/bulk?lang=en",
        data={
            "verb": verb,
            "items": [f"{i.id}@{version(i)}" for i in ideas],
            "next": "/moderation",
            **fields,
        },
    )


def _log(idea):
    return [
        a.action
        for a in db.session.query(ModerationAction).filter_by(idea_id=idea.id).order_by(ModerationAction.id)
    ]


def _batch_url(page):
    start = page.index("/moderation/batches/")
    return page[start : page.index('"', start)]


def test_a_bulk_approval_is_undone_as_one_and_its_notices_are_taken_back(client, auth, outbox, window):
    authors = [make_user(language="fr"), make_user(language="ar")]
    ideas = [make_idea(author=a, status="pending", title=f"Banc {n}") for n, a in enumerate(authors)]
    db.session.commit()
    seen = [(i.status, i.published_at, i.updated_at) for i in ideas]
    auth.login(role="moderator")
    _bulk(client, "approve", ideas)
    for idea in ideas:
        db.session.refresh(idea)
        assert idea.status == "published"
    assert db.session.query(Notification).count() == 2
    assert outbox == []  # the authors' emails wait for the end of the window
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    assert (
        "Last decision: 2 items at once — Published." in page and "You can undo them together until" in page
    )
    # Only the batch is offered: no single undo of one of its decisions.
    assert "/moderation/actions/" not in page

    response = client.post(f"{_batch_url(page)}?lang=en", data={"next": "/moderation"})
    assert response.headers["Location"].endswith(f"/moderation#item-{ideas[0].id}")
    db.session.expire_all()
    assert [(i.status, i.published_at, i.updated_at) for i in ideas] == seen
    assert db.session.query(Notification).count() == 0
    assert db.session.query(Job).filter_by(name="notification_mail").count() == 0
    assert [_log(i) for i in ideas] == [["approve", "undo"], ["approve", "undo"]]
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    assert "2 decisions undone: the items are back as they were." in page
    assert "Waiting for a decision: 2" in page and "/moderation/batches/" not in page
    assert outbox == []


def test_a_bulk_rejection_undone_puts_the_ideas_back_in_the_queue(client, auth, window):
    ideas = [make_idea(status="pending") for _ in range(3)]
    db.session.commit()
    auth.login(role="moderator")
    _bulk(client, "reject", ideas, reason="duplicate", message="Déjà proposé")
    page = client.get("/moderation?lang=fr").get_data(as_text=True)
    assert "3 éléments à la fois" in page
    client.post(_batch_url(page))
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    assert "Waiting for a decision: 3" in page


def test_a_single_decision_of_a_batch_cannot_be_undone_alone(client, auth, window):
    ideas = [make_idea(status="pending") for _ in range(2)]
    db.session.commit()
    auth.login(role="moderator")
    _bulk(client, "approve", ideas)
    action = db.session.query(ModerationAction).filter_by(idea_id=ideas[0].id).one()
    page = client.post(f"/moderation/actions/{action.id}/undo?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "This decision was taken on several items at once: undo them together." in page
    db.session.expire_all()
    assert [i.status for i in ideas] == ["published", "published"]


def test_a_batch_is_not_undone_when_one_of_its_ideas_changed_since(client, auth, window):
    ideas = [make_idea(status="pending", title="Un banc"), make_idea(status="pending", title="Une fontaine")]
    db.session.commit()
    auth.login(role="moderator")
    _bulk(client, "approve", ideas)
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    url = _batch_url(page)
    colleague = make_user(role="moderator")
    db.session.refresh(ideas[1])
    with client.application.test_request_context():
        services.hide_idea(ideas[1], colleague, ideas[1].updated_at, "spam")
    db.session.commit()
    # The offer is gone once the batch can no longer be undone as a whole.
    assert "/moderation/batches/" not in client.get("/moderation?lang=en").get_data(as_text=True)
    page = client.post(f"{url}?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "Something else happened since to “Une fontaine”; all the decisions stay." in page
    db.session.expire_all()
    assert [i.status for i in ideas] == ["published", "hidden"]
    assert _log(ideas[0]) == ["approve"]


def test_a_batch_is_not_undone_when_an_author_changed_one_of_its_ideas(client, auth, window):
    from app.core.time import utcnow
    from app.ideas.models import Idea

    ideas = [make_idea(status="pending", title="Un banc"), make_idea(status="pending", title="Une fontaine")]
    db.session.commit()
    auth.login(role="moderator")
    _bulk(client, "approve", ideas)
    url = _batch_url(client.get("/moderation?lang=en").get_data(as_text=True))
    # An author's correction moves the version without a log entry of its own.
    db.session.execute(db.update(Idea).where(Idea.id == ideas[0].id).values(updated_at=utcnow()))
    db.session.commit()
    page = client.post(f"{url}?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "Something else happened since to “Un banc”; all the decisions stay." in page
    db.session.expire_all()
    assert [i.status for i in ideas] == ["published", "published"]


def test_the_whole_batch_is_refused_after_the_window_and_to_another_moderator(app, window):
    with app.test_request_context("/?lang=en"):
        moderator, colleague = make_user(role="moderator"), make_user(role="moderator")
        ideas = [make_idea(status="pending") for _ in range(2)]
        decisions, skipped = bulk.bulk_decide([(i, i.updated_at) for i in ideas], moderator, "approve")
        assert skipped == []
        mark = bulk.batch_of(decisions)
        actions = undo.batch_actions(mark, moderator)
        assert [a.idea_id for a in actions] == [i.id for i in ideas]
        # A colleague finds nothing of theirs under this mark.
        with pytest.raises(services.ModerationError, match="cannot be undone"):
            undo.undo_batch(undo.batch_actions(mark, colleague), colleague, window)
        late = actions[0].created_at + timedelta(seconds=window + 1)
        assert not undo.batch_undoable(actions, moderator, window, now=late)
        with pytest.raises(services.ModerationError, match="too late"):
            undo.undo_batch(actions, moderator, window, now=late)
        assert [i.status for i in ideas] == ["published", "published"]


def test_emails_that_already_left_are_counted_when_undoing_a_batch(client, auth, outbox):
    # Without an undo window the mails leave at once; an undo within a window set later still
    # withdraws the on-site notices and says how many emails had left.
    ideas = [make_idea(author=make_user(language="en"), status="pending") for _ in range(2)]
    db.session.commit()
    auth.login(role="moderator")
    _bulk(client, "approve", ideas)
    assert len(outbox) == 2
    assert "/moderation/batches/" not in client.get("/moderation?lang=en").get_data(as_text=True)
    client.application.config["MODERATION_UNDO_SECONDS"] = 30
    mark = db.session.query(ModerationAction).first().after["batch"]
    page = client.post(f"/moderation/batches/{mark}/undo?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "2 emails to authors had already left; the notices on the site are withdrawn." in page
    db.session.expire_all()
    assert [i.status for i in ideas] == ["pending", "pending"]
    assert db.session.query(Notification).count() == 0


def test_bulk_decisions_that_cannot_be_undone_offer_no_undo(client, auth, window):
    reported = make_idea(title="Affiche")
    db.session.commit()
    auth.login(role="moderator")
    _bulk(client, "hide", [reported], hide_reason="spam")
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    assert "/moderation/batches/" not in page and "/undo" not in page


def test_an_unknown_batch_mark_is_refused_with_a_message(client, auth, window):
    auth.login(role="moderator")
    for mark in ("0" * 32, "not-a-mark"):
        page = client.post(f"/moderation/batches/{mark}/undo?lang=en", follow_redirects=True)
        assert page.status_code == 200
        assert "These decisions cannot be undone." in page.get_data(as_text=True)


def test_undone_decisions_count_nowhere_public_or_staff(app, window):
    from app.ideas.models import Idea
    from app.moderation import teamqueries, transparency
    from app.opendata.queries import moderation_figures

    def fresh(idea):
        # Each step is its own request in real use: nothing of the previous one stays loaded
        # (an undo deletes notifications with a bulk DELETE).
        idea_id = idea.id
        db.session.commit()
        db.session.expunge_all()
        return db.session.get(Idea, idea_id)

    with app.test_request_context("/?lang=en"):
        moderator = make_user(role="moderator")
        undone, kept = make_idea(status="pending"), make_idea(status="pending")
        rejected = services.reject_idea(undone, moderator, undone.updated_at, "offensive").action
        undo.undo_decision(rejected, moderator, window)
        moderator_id = moderator.id
        kept = fresh(kept)
        moderator = db.session.get(type(moderator), moderator_id)
        decisions, _skipped = bulk.bulk_decide([(kept, kept.updated_at)], moderator, "approve")
        undo.undo_batch(undo.batch_actions(bulk.batch_of(decisions), moderator), moderator, window)
        moderator_id = moderator.id
        kept = fresh(kept)
        moderator = db.session.get(type(moderator), moderator_id)
        services.reject_idea(kept, moderator, kept.updated_at, "duplicate")
        db.session.commit()
        figures = transparency.transparency_figures()
        assert [(d["action"], d["reason"]) for d in figures["decisions"]] == [("reject", "duplicate")]
        assert [m["by_reason"] for m in figures["months"] if m["rejected"]] == [{"duplicate": 1}]
        ((member, counts, total),) = teamqueries.decisions_per_moderator()
        assert (member.id, counts, total) == (moderator.id, {"reject": 1, "undo": 2}, 1)
        assert teamqueries.median_hours_to_decision()[2] == 1
        assert sum(f["rejected"] for f in moderation_figures().values()) == 1
