"""Concurrent supports from threads, each with its own app context and database connection:
the counter always equals the rows (PostgreSQL with TEST_DATABASE_URL, SQLite otherwise)."""

import threading

import pytest

from app.accounts.models import User
from app.ideas.models import Idea
from app.votes import services
from app.votes.models import Vote
from tests.factories import make_idea, make_user

pytestmark = pytest.mark.committing  # threads or DDL: real commits

THREADS = 8


def _in_threads(app, db, actions):
    """Run each action(user, idea) in its own thread and app context, all released together."""
    barrier = threading.Barrier(len(actions))
    errors, results = [], []

    def worker(action, user_id, idea_id):
        with app.app_context():
            try:
                user, idea = db.session.get(User, user_id), db.session.get(Idea, idea_id)
                barrier.wait(timeout=30)
                results.append(action(user, idea))
                db.session.commit()
            except services.VoteNotAllowed as refusal:
                db.session.rollback()
                results.append(refusal)
            except Exception as error:  # surfaced by the assertion below
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=spec) for spec in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    db.session.expire_all()
    return results


def _state(db, idea):
    db.session.expire_all()
    rows = db.session.query(Vote).filter_by(idea_id=idea.id).count()
    return db.session.get(Idea, idea.id).support_count, rows


def test_concurrent_duplicate_supports_leave_one_row(app, db):
    user, idea = make_user(), make_idea()
    db.session.commit()
    results = _in_threads(app, db, [(services.cast_vote, user.id, idea.id)] * THREADS)
    assert sum(result.changed for result in results) == 1
    assert _state(db, idea) == (1, 1)


def test_concurrent_supports_of_different_residents_are_all_counted(app, db):
    users, idea = [make_user() for _ in range(THREADS)], make_idea()
    db.session.commit()
    _in_threads(app, db, [(services.cast_vote, user.id, idea.id) for user in users])
    assert _state(db, idea) == (THREADS, THREADS)


def test_racing_support_and_withdrawal_keep_the_counter_equal_to_the_rows(app, db):
    user, other, idea = make_user(), make_user(), make_idea()
    services.cast_vote(other, idea)
    db.session.commit()
    actions = [
        (services.cast_vote if i % 2 else services.withdraw_vote, user.id, idea.id) for i in range(THREADS)
    ]
    _in_threads(app, db, actions)
    count, rows = _state(db, idea)
    assert count == rows
    assert rows in (1, 2)


def test_concurrent_supports_cannot_exceed_the_maximum(app, db):
    services.update_settings(True, 2, [])
    user, ideas = make_user(), [make_idea() for _ in range(THREADS)]
    db.session.commit()
    results = _in_threads(app, db, [(services.cast_vote, user.id, idea.id) for idea in ideas])
    assert sum(not isinstance(r, Exception) for r in results) == 2
    db.session.expire_all()
    assert db.session.query(Vote).filter_by(user_id=user.id).count() == 2
    assert sum(_state(db, idea)[0] for idea in ideas) == 2


def test_residents_withdrawing_all_their_supports_at_once_neither_deadlock_nor_drift(app, db):
    from app.votes.services import withdraw_all_supports

    ideas = [make_idea() for _ in range(30)]
    residents = [make_user() for _ in range(THREADS)]
    db.session.commit()
    for n, resident in enumerate(residents):
        # Supports given in different orders, so that row updates would meet crosswise.
        for idea in ideas if n % 2 else list(reversed(ideas)):
            services.cast_vote(resident, idea)
    db.session.commit()
    actions = [
        (lambda user, _idea: withdraw_all_supports(user), resident.id, ideas[0].id) for resident in residents
    ]
    assert _in_threads(app, db, actions) == [len(ideas)] * THREADS
    assert all(_state(db, idea) == (0, 0) for idea in ideas)
