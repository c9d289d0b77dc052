"""Read-only questions of the team's pages: the searchable audit log and the staff statistics."""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import aliased, selectinload

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db
from app.ideas.models import Idea
from app.moderation.models import ModerationAction
from app.moderation.queries import waiting_statements

# Decisions a moderator takes on an item (the log also holds automatic hides and undos).
DECISIONS = ("approve", "reject", "request_changes", "hide", "restore", "merge", "correct", "dismiss_reports")
FIRST_DECISIONS = ("approve", "reject", "request_changes")
BACKLOG_BUCKETS = ((0, 1), (1, 3), (3, 7), (7, 30), (30, None))  # days waiting: [from, to)


def undone_action_ids():
    """The ids of the decisions an undo took back, as a statement for `NOT IN`: counted
    nowhere, as they were never decided for good."""
    undo = aliased(ModerationAction)
    undone = undo.after["undoes"].as_integer()
    return select(undone).where(undo.action == "undo", undone.is_not(None))


@dataclass
class LogFilters:
    actor_id: int | None = None
    action: str = ""
    idea_id: int | None = None
    since: date | None = None
    until: date | None = None


def audit_log(filters):
    """The log entries matching `filters`, newest first (a statement, for paging or export)."""
    stmt = (
        select(ModerationAction)
        .options(selectinload(ModerationAction.actor), selectinload(ModerationAction.idea))
        .order_by(ModerationAction.id.desc())
    )
    if filters.actor_id:
        stmt = stmt.where(ModerationAction.actor_id == filters.actor_id)
    if filters.action:
        stmt = stmt.where(ModerationAction.action == filters.action)
    if filters.idea_id:
        stmt = stmt.where(ModerationAction.idea_id == filters.idea_id)
    if filters.since:
        stmt = stmt.where(ModerationAction.created_at >= datetime.combine(filters.since, time.min))
    if filters.until:
        stmt = stmt.where(
            ModerationAction.created_at < datetime.combine(filters.until + timedelta(days=1), time.min)
        )
    return stmt


def audit_rows(filters, limit):
    """The same entries as plain rows for an export: (at, moderator name, action, idea id, idea
    title, reason, message), without loading them as objects."""
    ids = audit_log(filters).with_only_columns(ModerationAction.id).limit(limit).subquery()
    return db.session.execute(
        select(
            ModerationAction.created_at,
            User.display_name,
            ModerationAction.action,
            ModerationAction.idea_id,
            Idea.title,
            ModerationAction.reason,
            ModerationAction.message,
        )
        .join(ids, ids.c.id == ModerationAction.id)
        .outerjoin(User, User.id == ModerationAction.actor_id)
        .outerjoin(Idea, Idea.id == ModerationAction.idea_id)
        .order_by(ModerationAction.id.desc())
    ).all()


def log_actors():
    """Everyone who appears in the log as a moderator, by name."""
    return db.session.scalars(
        select(User)
        .where(User.id.in_(select(ModerationAction.actor_id).distinct()))
        .order_by(User.display_name)
    ).all()


def _waiting_since():
    """When each waiting item arrived (ideas by their creation, corrections by theirs)."""
    rows = []
    for stmt, column in waiting_statements():
        rows += db.session.scalars(stmt.with_only_columns(column)).all()
    return rows


def backlog(now=None):
    """How long the waiting items have waited: counts per age bucket and the oldest's days."""
    now = now or utcnow()
    ages = [(now - since).total_seconds() / 86400 for since in _waiting_since()]
    buckets = []
    for low, high in BACKLOG_BUCKETS:
        buckets.append((low, high, sum(1 for a in ages if a >= low and (high is None or a < high))))
    return {"total": len(ages), "buckets": buckets, "oldest_days": round(max(ages), 1) if ages else None}


def decisions_per_moderator(days=30, now=None):
    """[(moderator, {action: count}, total)] over the last `days`, busiest first; an undone
    decision counts only as its undo."""
    since = (now or utcnow()) - timedelta(days=days)
    rows = db.session.execute(
        select(ModerationAction.actor_id, ModerationAction.action, func.count())
        .where(
            ModerationAction.created_at >= since,
            ModerationAction.actor_id.is_not(None),
            ModerationAction.action.in_((*DECISIONS, "undo")),
            ModerationAction.id.not_in(undone_action_ids()),
        )
        .group_by(ModerationAction.actor_id, ModerationAction.action)
    ).all()
    per_actor = {}
    for actor_id, action, count in rows:
        per_actor.setdefault(actor_id, {})[action] = count
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(per_actor)))}
    table = [
        (users[a], counts, sum(c for action, c in counts.items() if action != "undo"))
        for a, counts in per_actor.items()
        if a in users
    ]
    return sorted(table, key=lambda row: (-row[2], row[0].display_name))


def median_hours_to_decision(days=30, now=None):
    """Median hours from an idea's arrival to its first decision, for decisions of the last
    `days`: overall, {moderator id: hours}, and how many decisions. Only the window's decisions
    are read; each is kept when no earlier decision on the same idea exists (the log's index by
    idea answers that)."""
    since = (now or utcnow()) - timedelta(days=days)
    earlier = aliased(ModerationAction)
    rows = db.session.execute(
        select(ModerationAction.actor_id, Idea.created_at, ModerationAction.created_at)
        .join(Idea, Idea.id == ModerationAction.idea_id)
        .where(
            ModerationAction.created_at >= since,
            ModerationAction.action.in_(FIRST_DECISIONS),
            ModerationAction.id.not_in(undone_action_ids()),
            ~exists().where(
                earlier.idea_id == ModerationAction.idea_id,
                earlier.action.in_(FIRST_DECISIONS),
                earlier.id < ModerationAction.id,
                earlier.id.not_in(undone_action_ids()),
            ),
        )
    ).all()
    overall, per_actor = [], {}
    for actor_id, created, decided in rows:
        hours = max(0.0, (decided - created).total_seconds() / 3600)
        overall.append(hours)
        per_actor.setdefault(actor_id, []).append(hours)
    median = statistics.median(overall) if overall else None
    return (
        round(median, 1) if median is not None else None,
        {actor: round(statistics.median(hours), 1) for actor, hours in per_actor.items()},
        len(overall),
    )
