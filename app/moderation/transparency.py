"""Figures for the public transparency page: recent decisions and monthly statistics."""

import statistics
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, Idea
from app.moderation.models import ModerationAction
from app.moderation.teamqueries import undone_action_ids

PUBLIC_ACTIONS = ("approve", "reject", "hide", "restore", "merge", "public_status", "auto_hide")
# For these the idea is not public: the page shows the reason, date and category, never the text.
CONCEALED_ACTIONS = ("reject", "hide", "auto_hide")
DECISIONS = ("approve", "reject", "request_changes")
MONTHS = 12


def _month(column):
    if db.engine.dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _months():
    """The last twelve month keys ("2026-11"), oldest first, and the start of the first one."""
    first = utcnow().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = []
    for _i in range(MONTHS):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    starts.reverse()
    return [m.strftime("%Y-%m") for m in starts], starts[0]


def recent_decisions(limit=30):
    """The latest public moderation actions, with what may be shown of each idea; a decision
    undone is not one."""
    rows = db.session.execute(
        select(ModerationAction, Idea.status, Idea.title, Category, User.display_name)
        .join(Idea, Idea.id == ModerationAction.idea_id)
        .join(Category, Category.id == Idea.category_id)
        .outerjoin(User, User.id == ModerationAction.actor_id)
        .where(ModerationAction.action.in_(PUBLIC_ACTIONS), ModerationAction.id.not_in(undone_action_ids()))
        .order_by(ModerationAction.id.desc())
        .limit(limit)
    ).all()
    decisions = []
    for action, status, title, category, actor in rows:
        visible = status == IdeaStatus.PUBLISHED and action.action not in CONCEALED_ACTIONS
        decisions.append(
            {
                "action": action.action,
                "at": action.created_at,
                "category": category,
                "actor": actor,
                # The city's answers are signed by the city or a department, never a person.
                "signature": (action.after or {}).get("signature")
                if action.action == "public_status"
                else None,
                "reason": action.reason if action.action in CONCEALED_ACTIONS else None,
                # The city's answer given (its public status), for "public_status" entries.
                "answer": action.reason if action.action == "public_status" else None,
                "idea_id": action.idea_id if visible else None,
                "title": title if visible else None,
            }
        )
    return decisions


def _by_month(column, since, *where):
    month = _month(column)
    return dict(
        db.session.execute(select(month, func.count()).where(column >= since, *where).group_by(month)).all()
    )


def monthly_figures():
    """Per month: ideas received, published, rejected by reason, median days to a decision."""
    months, since = _months()
    received = _by_month(Idea.created_at, since)
    published = _by_month(Idea.published_at, since)
    month = _month(ModerationAction.created_at)
    rejected = {}
    for m, reason, count in db.session.execute(
        select(month, ModerationAction.reason, func.count())
        .where(
            ModerationAction.action == "reject",
            ModerationAction.created_at >= since,
            ModerationAction.id.not_in(undone_action_ids()),
        )
        .group_by(month, ModerationAction.reason)
    ):
        rejected.setdefault(m, {})[reason] = count
    first = (
        select(ModerationAction.idea_id, func.min(ModerationAction.created_at).label("at"))
        .where(ModerationAction.action.in_(DECISIONS), ModerationAction.id.not_in(undone_action_ids()))
        .group_by(ModerationAction.idea_id)
        .subquery()
    )
    delays = {}
    for created, decided in db.session.execute(
        select(Idea.created_at, first.c.at).join(first, first.c.idea_id == Idea.id).where(first.c.at >= since)
    ):
        delays.setdefault(decided.strftime("%Y-%m"), []).append((decided - created).total_seconds() / 86400)
    rows = []
    for m in months:
        by_reason = rejected.get(m, {})
        median = statistics.median(delays[m]) if m in delays else None
        rows.append(
            {
                "month": m,
                "received": received.get(m, 0),
                "published": published.get(m, 0),
                "rejected": sum(by_reason.values()),
                "by_reason": by_reason,
                "median_days": round(median, 1) if median is not None else None,
            }
        )
    return rows


# Decisions on comments per month, by the column the page shows them in.
COMMENT_COLUMNS = {
    "hidden": ("hide_comment", "auto_hide_comment"),
    "rejected": ("reject_comment",),
    "restored": ("restore_comment",),
    "dismissed": ("dismiss_comment_reports",),
}


def comment_figures():
    """Per month: comments hidden (by a moderator or the report threshold), rejected under
    pre-moderation, restored, and reports on comments dismissed. Never the comments' text."""
    months, since = _months()
    month = _month(ModerationAction.created_at)
    counts = {}
    for m, action, count in db.session.execute(
        select(month, ModerationAction.action, func.count())
        .where(ModerationAction.comment_id.is_not(None), ModerationAction.created_at >= since)
        .group_by(month, ModerationAction.action)
    ):
        counts[m, action] = count
    return [
        {"month": m, **{k: sum(counts.get((m, a), 0) for a in acts) for k, acts in COMMENT_COLUMNS.items()}}
        for m in months
    ]


def transparency_figures():
    # A month with nothing received, published or rejected says nothing: it is left out.
    months = [r for r in monthly_figures() if r["received"] or r["published"] or r["rejected"]]
    peak = max([1] + [max(r["received"], r["published"], r["rejected"]) for r in months])
    reasons = sorted({reason for r in months for reason in r["by_reason"]})
    return {
        "decisions": recent_decisions(),
        "months": months,
        "peak": peak,
        "reasons": reasons,
        "comment_months": comment_figures(),
    }
