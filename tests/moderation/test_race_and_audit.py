"""Two moderators never decide the same item twice; the audit log cannot be changed."""

import os
import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from app.extensions import db
from app.moderation import bulk, services
from app.moderation.models import AuditLogIsAppendOnly, ModerationAction
from tests.factories import make_idea, make_user
from tests.moderation.helpers import version

pytestmark = pytest.mark.committing  # threads or DDL: real commits


def test_second_moderator_with_a_stale_version_changes_nothing_and_is_told_who_decided(client, auth, outbox):
    first = make_user(role="moderator", name="Youssef")
    idea = make_idea(status="pending")
    db.session.commit()
    seen = version(idea)
    auth.login_as(first)
    client.post(f"/moderation/ideas/{idea.id}/approve", data={"version": seen})
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/ideas/{idea.id}/reject?lang=en",
        data={"version": seen, "reason": "duplicate"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "already decided by Youssef" in page
    db.session.expire_all()
    assert idea.status == "published"
    assert [a.action for a in db.session.query(ModerationAction).filter_by(idea_id=idea.id)] == ["approve"]
    assert len(outbox) == 1


def test_stale_version_is_refused_by_the_service_even_for_the_same_decision(app):
    moderator = make_user(role="moderator")
    idea = make_idea(status="pending")
    seen = idea.updated_at
    services.approve_idea(idea, moderator, seen)
    with pytest.raises(services.AlreadyDecided) as error:
        services.approve_idea(idea, moderator, seen)
    assert error.value.by_name == moderator.display_name


def test_missing_or_malformed_version_changes_nothing(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    client.post(f"/moderation/ideas/{idea.id}/approve", data={"version": "yesterday"})
    db.session.refresh(idea)
    assert idea.status == "pending"


def test_bulk_decision_skips_items_decided_meanwhile(client, auth):
    moderator = make_user(role="moderator", name="Amal")
    taken, free = make_idea(status="pending"), make_idea(status="pending")
    db.session.commit()
    items = [f"{taken.id}@{version(taken)}", f"{free.id}@{version(free)}"]
    services.reject_idea(taken, moderator, taken.updated_at, "duplicate")
    db.session.commit()
    auth.login(role="moderator")
    page = client.post(
        "/moderation/bulk?lang=en", data={"verb": "approve", "items": items}, follow_redirects=True
    ).get_data(as_text=True)
    assert "already decided by Amal" in page
    db.session.expire_all()
    assert (taken.status, free.status) == ("rejected", "published")


def _one_action():
    moderator = make_user(role="moderator")
    idea = make_idea(status="pending")
    services.approve_idea(idea, moderator, idea.updated_at)
    db.session.commit()
    return db.session.query(ModerationAction).one()


def test_audit_log_rows_cannot_be_updated_through_the_orm(app):
    action = _one_action()
    action.reason = "other"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_audit_log_rows_cannot_be_deleted_through_the_orm(app):
    action = _one_action()
    db.session.delete(action)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE moderation_actions SET reason = 'other'",
        "DELETE FROM moderation_actions",
    ],
)
def test_audit_log_rows_cannot_be_changed_with_raw_sql(app, statement):
    _one_action()
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement))
    db.session.rollback()
    assert db.session.query(ModerationAction).one().reason is None


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL row locks")
def test_concurrent_decisions_on_postgresql_let_only_the_first_one_through(app):
    moderator = make_user(role="moderator", name="Salma")
    idea = make_idea(status="pending")
    db.session.commit()
    seen, idea_id = idea.updated_at, idea.id
    outcome = {}

    def second_moderator():
        with app.test_request_context("/?lang=en"):
            try:
                other = make_user(role="moderator")
                late = db.session.get(type(idea), idea_id)
                services.reject_idea(late, other, seen, "duplicate")
                db.session.commit()
                outcome["result"] = "decided"
            except services.AlreadyDecided as error:
                db.session.rollback()
                outcome["result"] = str(error)
            except Exception as error:  # noqa: BLE001  reported by the assertion below
                outcome["result"] = repr(error)

    services.approve_idea(idea, moderator, seen)  # holds the row lock until the commit below
    racer = threading.Thread(target=second_moderator)
    racer.start()
    racer.join(timeout=0.5)
    assert racer.is_alive(), "the second decision should wait for the first transaction"
    db.session.commit()
    racer.join(timeout=10)
    assert "already decided by Salma" in outcome["result"]
    db.session.expire_all()
    assert db.session.get(type(idea), idea_id).status == "published"


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL row locks")
def test_bulk_decision_waits_for_an_author_changing_one_of_its_ideas_instead_of_deadlocking(app):
    from app.core.database import rows_for_update
    from app.ideas.models import Idea
    from app.ideas.services import withdraw_idea

    author = make_user()
    first, second = make_idea(status="pending"), make_idea(author=author, status="pending")
    moderator = make_user(role="moderator")
    db.session.commit()
    items = [(first.id, first.updated_at), (second.id, second.updated_at)]
    outcome = {}

    def moderator_approves_both():
        with app.test_request_context("/?lang=en"):
            try:
                pairs = [(db.session.get(Idea, idea_id), seen) for idea_id, seen in items]
                decided, conflicts = bulk.bulk_decide(
                    pairs, db.session.get(type(moderator), moderator.id), "approve"
                )
                db.session.commit()
                outcome["result"] = (len(decided), len(conflicts))
            except Exception as error:  # noqa: BLE001  reported by the assertion below
                db.session.rollback()
                outcome["result"] = repr(error)
            finally:
                db.session.remove()

    # The author's transaction holds their idea while the moderator's starts.
    rows_for_update(db.session.connection(), select(Idea.id).where(Idea.id == second.id)).all()
    racer = threading.Thread(target=moderator_approves_both)
    racer.start()
    racer.join(timeout=1)
    withdraw_idea(db.session.get(Idea, second.id), author)
    db.session.commit()
    racer.join(timeout=30)
    assert outcome["result"] == (1, 1)
    db.session.expire_all()
    assert (db.session.get(Idea, first.id).status, db.session.get(Idea, second.id).status) == (
        "published",
        "withdrawn",
    )
