"""Read-only questions about moderation: the queue, its counts, authors, reports, duplicates."""

import math
from dataclasses import dataclass
from datetime import timedelta

from flask import g
from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.comments.models import WAITING, Comment
from app.core.counters import counter_drift
from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IDEAS, IdeaStatus
from app.ideas.models import Idea
from app.ideas.search import matching, searching
from app.mapindex.aggregates import placed_count
from app.moderation.comment_models import CommentReport
from app.moderation.models import (
    REPORTED,
    Claim,
    IdeaEdit,
    ModerationAction,
    PublicStatusEntry,
    Report,
)
from app.notifications.models import NotificationSettings
from app.votes.models import Vote

QUEUE_TYPES = ("all", "new", "creathon", "reported", "edit", "comments")
ASSIGNED_VIEWS = ("", "mine", "unassigned")
AGE_DAYS = {"1": 1, "3": 3, "7": 7, "30": 30}


@dataclass
class QueueFilters:
    type: str = "all"
    category_id: int | None = None
    district_id: int | None = None
    age: str = ""
    q: str = ""
    # "mine" (items held by `user_id`), "unassigned", or "" for every item.
    assigned: str = ""
    user_id: int | None = None


class Page:
    """The slice of a list shown on one page, with what the pagination macro needs."""

    def __init__(self, items, page, per_page, total):
        self.items, self.page, self.per_page, self.total = items, page, per_page, total
        self.pages = max(1, math.ceil(total / per_page))
        self.has_prev, self.has_next = page > 1, page < self.pages
        self.prev_num, self.next_num = page - 1, page + 1


def _filtered(stmt, filters, statuses, received=Idea.created_at):
    if filters.category_id:
        stmt = stmt.where(Idea.category_id == filters.category_id)
    if filters.district_id:
        stmt = stmt.where(Idea.district_id == filters.district_id)
    if filters.age in AGE_DAYS:
        stmt = stmt.where(received <= utcnow() - timedelta(days=AGE_DAYS[filters.age]))
    if filters.assigned == "mine":
        stmt = stmt.where(Idea.id.in_(select(Claim.idea_id).where(Claim.user_id == filters.user_id)))
    elif filters.assigned == "unassigned":
        stmt = stmt.where(Idea.id.not_in(select(Claim.idea_id)))
    if searching(filters.q):
        # The idea's words (for a correction, those of the published idea it corrects).
        stmt = stmt.where(matching(filters.q, statuses, connection=db.session.connection()))
    return stmt


def _pending(filters):
    stmt = select(Idea).where(Idea.status == IdeaStatus.PENDING)
    if filters.type == "new":
        stmt = stmt.where(Idea.source == "citizen")
    elif filters.type == "creathon":
        stmt = stmt.where(Idea.source == "creathon")
    return _filtered(stmt, filters, (IdeaStatus.PENDING.value,))


def _reported(filters):
    # `status || ''` keeps the status indexes out: SQLite's planner would otherwise read every
    # published idea through one of them rather than the few entries of `ix_ideas_reported`.
    status = Idea.status + db.literal("")
    sources = IDEAS.sources("report")
    return _filtered(select(Idea).where(REPORTED, status.in_(sources)), filters, sources)


def _edits(filters):
    """Authors' corrections waiting for a decision, on ideas that are still published."""
    stmt = (
        select(IdeaEdit)
        .join(Idea, Idea.id == IdeaEdit.idea_id)
        .where(IdeaEdit.status == "pending", Idea.status == IdeaStatus.PUBLISHED)
    )
    return _filtered(stmt, filters, (IdeaStatus.PUBLISHED.value,), received=IdeaEdit.created_at)


def _comments(filters):
    """Reported comments (shown or hidden by the threshold) and comments waiting under
    pre-moderation, on ideas that are still published."""
    stmt = (
        select(Comment)
        .join(Idea, Idea.id == Comment.idea_id)
        .where(
            WAITING,
            Comment.status.in_(("pending", "published", "hidden")),
            # As for reported ideas: the few waiting comments lead, not every published idea.
            Idea.status + db.literal("") == IdeaStatus.PUBLISHED.value,
        )
    )
    return _filtered(stmt, filters, (IdeaStatus.PUBLISHED.value,), received=Comment.created_at)


def _count(stmt, model=Idea):
    return db.session.scalar(select(func.count()).select_from(stmt.with_only_columns(model.id).subquery()))


def _keys(stmt, limit=None, model=Idea, kind=0):
    """Light (created_at, kind, id) rows in index order; only the page's items are loaded in full
    (kind 0: an idea, 1: a correction, 2: a comment)."""
    stmt = stmt.with_only_columns(model.created_at, db.literal(kind), model.id).order_by(
        model.created_at, model.id
    )
    return db.session.execute(stmt.limit(limit) if limit else stmt).all()


def _pending_total(filters):
    if filters.type != "all" or filters.age or filters.assigned or searching(filters.q):
        return _count(_pending(filters))
    # The map's cells count every placed idea per status, category and district: only the few
    # ideas without a place are counted here.
    placed = placed_count(
        db.session.connection(), IdeaStatus.PENDING, filters.category_id, filters.district_id
    )
    return placed + _count(_pending(filters).where(Idea.map_key.is_(None)))


def moderation_queue(filters, page=1, per_page=20):
    """Items awaiting a decision, oldest first: pending ideas (citizens' and créathon imports),
    published or hidden ones with open reports, and authors' corrections to published ideas.
    Each source is read in index order. Items are ideas, or `IdeaEdit` rows for corrections."""
    page = max(1, page)
    # Each source gives its count and, in index order, as many of its oldest items as the pages
    # up to this one could hold; merged, they give the page.
    sources = []  # (statement, model, kind, count)
    if filters.type in ("all", "new", "creathon"):
        sources.append((_pending(filters), Idea, 0, _pending_total(filters)))
    if filters.type in ("all", "reported"):
        reported = _reported(filters)
        sources.append((reported, Idea, 0, _count(reported)))
    if filters.type in ("all", "edit"):
        edits = _edits(filters)
        sources.append((edits, IdeaEdit, 1, _count(edits, IdeaEdit)))
    if filters.type in ("all", "comments"):
        waiting_comments = _comments(filters)
        sources.append((waiting_comments, Comment, 2, _count(waiting_comments, Comment)))
    total = sum(count for *_source, count in sources)
    page = min(page, max(1, math.ceil(total / per_page)))
    merged = []
    for stmt, model, kind, count in sources:
        if count:
            merged += _keys(stmt, min(count, page * per_page), model=model, kind=kind)
    if filters == QueueFilters():
        g.moderation_waiting = total  # the staff menu shows the same number: count once
    keys = sorted(merged)[(page - 1) * per_page : page * per_page]
    idea_ids = [item_id for _created, kind, item_id in keys if kind == 0]
    edit_ids = [item_id for _created, kind, item_id in keys if kind == 1]
    loaded = {}
    if idea_ids:
        for idea in db.session.scalars(
            select(Idea)
            .options(selectinload(Idea.author), selectinload(Idea.district))
            .where(Idea.id.in_(idea_ids))
        ):
            loaded[0, idea.id] = idea
    if edit_ids:
        for edit in db.session.scalars(
            select(IdeaEdit)
            .options(
                selectinload(IdeaEdit.author),
                selectinload(IdeaEdit.category),
                selectinload(IdeaEdit.idea).selectinload(Idea.district),
            )
            .where(IdeaEdit.id.in_(edit_ids))
        ):
            loaded[1, edit.id] = edit
    comment_ids = [item_id for _created, kind, item_id in keys if kind == 2]
    if comment_ids:
        for comment in db.session.scalars(
            select(Comment)
            .options(selectinload(Comment.author), selectinload(Comment.idea))
            .where(Comment.id.in_(comment_ids))
        ):
            loaded[2, comment.id] = comment
    items = [loaded[kind, item_id] for _created, kind, item_id in keys if (kind, item_id) in loaded]
    return Page(items, page, per_page, total)


def waiting_statements():
    """Every waiting item's arrival time, per source: [(statement, column)] (for the backlog)."""
    everything = QueueFilters()
    return [
        (_pending(everything), Idea.created_at),
        (_reported(everything), Idea.created_at),
        (_edits(everything), IdeaEdit.created_at),
    ]


def waiting_count():
    """How many items wait in the queue; computed once per request for the staff menu."""
    if "moderation_waiting" not in g:
        g.moderation_waiting = (
            _pending_total(QueueFilters())
            + _count(_reported(QueueFilters()))
            + _count(_edits(QueueFilters()), IdeaEdit)
            + _count(_comments(QueueFilters()), Comment)
        )
    return g.moderation_waiting


def pending_edit(idea_id):
    """The author's correction still waiting for a decision on this idea, if any."""
    return db.session.scalars(
        select(IdeaEdit).where(IdeaEdit.idea_id == idea_id, IdeaEdit.status == "pending")
    ).first()


def queue_ideas(page):
    """The ideas on a queue page (not the corrections), for the per-item facts."""
    return [item for item in page.items if isinstance(item, Idea)]


def open_reports_by_comment(page):
    """{comment id: [open reports]} for the comments on a queue page, in one query."""
    ids = [item.id for item in page.items if isinstance(item, Comment)]
    grouped = {comment_id: [] for comment_id in ids}
    if ids:
        for report in db.session.scalars(
            select(CommentReport)
            .where(CommentReport.comment_id.in_(ids), CommentReport.status == "open")
            .order_by(CommentReport.created_at)
        ):
            grouped[report.comment_id].append(report)
    return grouped


def author_stats(author_ids):
    """{author id: (ideas, earlier rejections)} for a page of items, in one query."""
    if not author_ids:
        return {}
    rows = db.session.execute(
        select(
            Idea.author_id,
            func.count(Idea.id),
            func.sum(case((Idea.status == IdeaStatus.REJECTED, 1), else_=0)),
        )
        .where(Idea.author_id.in_(set(author_ids)))
        .group_by(Idea.author_id)
    )
    return {author_id: (ideas, int(rejected or 0)) for author_id, ideas, rejected in rows}


def open_reports_drift():
    """Ideas whose `open_reports` differs from their number of open reports: (id, title,
    open_reports, actual), by id."""
    counted = (
        select(Report.idea_id.label("key"), func.count().label("n"))
        .where(Report.status == "open")
        .group_by(Report.idea_id)
        .subquery()
    )
    return counter_drift((Idea.id, Idea.title), Idea.open_reports, Idea.id, counted)


def open_reports_by_idea(idea_ids):
    """{idea id: [open reports]} for a page of items, in one query."""
    grouped = {idea_id: [] for idea_id in idea_ids}
    if idea_ids:
        reports = db.session.scalars(
            select(Report)
            .options(selectinload(Report.reporter))
            .where(Report.idea_id.in_(idea_ids), Report.status == "open")
            .order_by(Report.created_at)
        )
        for report in reports:
            grouped[report.idea_id].append(report)
    return grouped


def last_action(idea_id, actions):
    """The idea's latest log entry among `actions`, or None."""
    return db.session.scalars(
        select(ModerationAction)
        .where(ModerationAction.idea_id == idea_id, ModerationAction.action.in_(actions))
        .order_by(ModerationAction.id.desc())
        .limit(1)
    ).first()


def last_decider_name(idea_id):
    """Display name of the last person who took a moderation action on the idea."""
    return db.session.scalar(
        select(User.display_name)
        .join(ModerationAction, ModerationAction.actor_id == User.id)
        .where(ModerationAction.idea_id == idea_id)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )


def supporters_to_notify(idea_id, exclude_id=None):
    """Supporters of the idea who did not opt out of updates and are not blocked."""
    return db.session.scalars(_supporters(select(User), idea_id, exclude_id)).all()


def supporter_ids_to_notify(idea_id, exclude_id=None):
    """The ids of `supporters_to_notify`, without loading the accounts."""
    return db.session.scalars(_supporters(select(User.id), idea_id, exclude_id)).all()


def _supporters(stmt, idea_id, exclude_id):
    stmt = (
        stmt.join(Vote, Vote.user_id == User.id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(
            Vote.idea_id == idea_id,
            User.is_blocked.is_(False),
            or_(NotificationSettings.supporter_updates.is_(None), NotificationSettings.supporter_updates),
        )
    )
    if exclude_id is not None:
        stmt = stmt.where(User.id != exclude_id)
    return stmt


def merged_target(idea):
    """The idea a merged duplicate now points to (following chains), or None."""
    seen = set()
    current = idea
    while current is not None and current.status == IdeaStatus.MERGED and current.merged_into_id not in seen:
        seen.add(current.id)
        current = db.session.get(Idea, current.merged_into_id)
    return current if current is not None and current.id != idea.id else None


def public_status_history(idea_id):
    return db.session.scalars(
        select(PublicStatusEntry)
        .where(PublicStatusEntry.idea_id == idea_id)
        .order_by(PublicStatusEntry.created_at, PublicStatusEntry.id)
    ).all()


def idea_history(idea_id):
    """The audit log of one idea, newest first, for the review page."""
    return db.session.scalars(
        select(ModerationAction)
        .options(selectinload(ModerationAction.actor))
        .where(ModerationAction.idea_id == idea_id)
        .order_by(ModerationAction.id.desc())
    ).all()


def has_reported(user_id, idea_id):
    return (
        db.session.scalar(select(Report.id).where(Report.reporter_id == user_id, Report.idea_id == idea_id))
        is not None
    )
