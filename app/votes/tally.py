"""Support rows and their ideas' counters, moved together in the caller's transaction."""

from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.dialects import sqlite

from app.core.time import utcnow
from app.extensions import db
from app.votes.models import Vote

_votes = Vote.__table__

# PostgreSQL: the row and the counter in one statement, one round trip per support. The counter
# moves only when the row really changed; a concurrent change of the same idea waits for the
# row lock and then adds to the committed value, so none is lost.
_ADD_PG = text(
    "WITH added AS (INSERT INTO votes (user_id, idea_id, created_at)"
    " VALUES (:user_id, :idea_id, :created_at)"
    " ON CONFLICT (user_id, idea_id) DO NOTHING RETURNING idea_id)"
    " UPDATE ideas SET support_count = ideas.support_count + 1 FROM added"
    " WHERE ideas.id = added.idea_id RETURNING ideas.support_count"
)
_REMOVE_PG = text(
    "WITH removed AS (DELETE FROM votes WHERE user_id = :user_id AND idea_id = :idea_id"
    " RETURNING idea_id)"
    " UPDATE ideas SET support_count = ideas.support_count - 1 FROM removed"
    " WHERE ideas.id = removed.idea_id RETURNING ideas.support_count"
)

# SQLite (in-process, no round trips): the row, then the counter. A second support inserts
# nothing instead of failing: no savepoint and no error to catch.
_INSERT_ONCE = (
    sqlite.insert(_votes)
    .on_conflict_do_nothing(index_elements=["user_id", "idea_id"])
    .returning(_votes.c.idea_id)
)
_DELETE = delete(_votes).where(
    _votes.c.user_id == bindparam("user_id"), _votes.c.idea_id == bindparam("idea_id")
)
# Moving every support of one idea to another: a resident who supported both keeps one support.
# Each counter moves by the rows really deleted or inserted, so a concurrent support or
# withdrawal (which waits for the ideas' row locks) still adds to an exact value.
_MOVE_PG = text(
    "WITH moved AS (DELETE FROM votes WHERE idea_id = :from_id RETURNING user_id, created_at),"
    " added AS (INSERT INTO votes (user_id, idea_id, created_at)"
    " SELECT user_id, :to_id, created_at FROM moved"
    " ON CONFLICT (user_id, idea_id) DO NOTHING RETURNING idea_id)"
    " UPDATE ideas SET support_count = ideas.support_count + CASE WHEN ideas.id = :to_id"
    " THEN (SELECT count(*) FROM added) ELSE -(SELECT count(*) FROM moved) END"
    " WHERE ideas.id IN (:from_id, :to_id)"
)
_COPY_ONCE = (
    sqlite.insert(_votes)
    .from_select(
        ["user_id", "idea_id", "created_at"],
        select(_votes.c.user_id, bindparam("to_id"), _votes.c.created_at).where(
            _votes.c.idea_id == bindparam("from_id")
        ),
    )
    .on_conflict_do_nothing(index_elements=["user_id", "idea_id"])
)
_DELETE_ALL = delete(_votes).where(_votes.c.idea_id == bindparam("from_id"))
_MOVE_COUNTS = text(
    "UPDATE ideas SET support_count = support_count + CASE WHEN id = :to_id THEN :added ELSE -:moved END"
    " WHERE id IN (:from_id, :to_id)"
)
_BUMP = text("UPDATE ideas SET support_count = support_count + :delta WHERE id = :id RETURNING support_count")


def _on_postgresql():
    return db.session.get_bind().dialect.name == "postgresql"


def add(user_id, idea_id):
    """Add the support; the idea's new count, or None when the support was already there."""
    params = {"user_id": user_id, "idea_id": idea_id}
    if _on_postgresql():
        return db.session.execute(_ADD_PG, {**params, "created_at": utcnow()}).scalar()
    if db.session.execute(_INSERT_ONCE, params).first() is None:
        return None
    return db.session.execute(_BUMP, {"delta": 1, "id": idea_id}).scalar_one()


def remove(user_id, idea_id):
    """Remove the support; the idea's new count, or None when there was no support to remove."""
    params = {"user_id": user_id, "idea_id": idea_id}
    if _on_postgresql():
        return db.session.execute(_REMOVE_PG, params).scalar()
    if not db.session.execute(_DELETE, params).rowcount:
        return None
    return db.session.execute(_BUMP, {"delta": -1, "id": idea_id}).scalar_one()


# Every support of one resident: only the rows this statement really deleted move their counters,
# so a withdrawal of theirs running at the same moment is never counted twice.
_REMOVE_ALL_PG = text(
    "WITH removed AS (DELETE FROM votes WHERE user_id = :user_id RETURNING idea_id)"
    " UPDATE ideas SET support_count = ideas.support_count - 1 FROM removed"
    " WHERE ideas.id = removed.idea_id"
)
# The resident's ideas locked in id order first, as every multi-idea write does: two residents
# deleting their accounts at once, with supports on the same ideas, then cannot deadlock.
_LOCK_IDEAS_OF_USER_PG = text(
    "SELECT id FROM ideas WHERE id IN (SELECT idea_id FROM votes WHERE user_id = :user_id)"
    " ORDER BY id FOR UPDATE"
)
_DELETE_OF_USER = delete(_votes).where(_votes.c.user_id == bindparam("user_id")).returning(_votes.c.idea_id)
_DECREMENT = text("UPDATE ideas SET support_count = support_count - 1 WHERE id IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
# SQLite's limit of bound parameters in one statement, with room to spare.
_IDS_PER_STATEMENT = 500


def remove_all(user_id):
    """Remove every support of the resident; each idea's counter drops by one. Returns how many."""
    params = {"user_id": user_id}
    if _on_postgresql():
        db.session.execute(_LOCK_IDEAS_OF_USER_PG, params)
        return db.session.execute(_REMOVE_ALL_PG, params).rowcount
    idea_ids = db.session.execute(_DELETE_OF_USER, params).scalars().all()
    for start in range(0, len(idea_ids), _IDS_PER_STATEMENT):
        db.session.execute(_DECREMENT, {"ids": idea_ids[start : start + _IDS_PER_STATEMENT]})
    return len(idea_ids)


def move_supports(from_idea_id, to_idea_id):
    """Move every support of one idea to another (one support per resident); both counters
    stay equal to their rows. The caller holds both ideas' row locks (as a merge does)."""
    params = {"from_id": from_idea_id, "to_id": to_idea_id}
    if _on_postgresql():
        db.session.execute(_MOVE_PG, params)
        return
    added = db.session.execute(_COPY_ONCE, params).rowcount
    moved = db.session.execute(_DELETE_ALL, params).rowcount
    db.session.execute(_MOVE_COUNTS, {**params, "added": added, "moved": moved})
