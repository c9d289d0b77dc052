"""Read-only questions about moderation: the queue, its counts, authors, reports, duplicates."""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from flask import g
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User, utcnow
from app.extensions import db
from app.geo.distance import bbox_around, distance_m
from app.ideas.models import Idea, IdeaStatus
from app.ideas.services import DUPLICATE_RADIUS_M, DUPLICATE_THRESHOLD
from app.ideas.similarity import overlap, trigrams
from app.moderation.models import LAT_BAND, LAT_BANDS_PER_DEGREE, ModerationAction, PublicStatusEntry, Report
from app.notifications.models import NotificationSettings
from app.votes.models import Vote

QUEUE_TYPES = ("all", "new", "creathon", "reported")
AGE_DAYS = {"1": 1, "3": 3, "7": 7, "30": 30}


@dataclass
class QueueFilters:
    type: str = "all"
    category_id: int | None = None
    district_id: int | None = None
    age: str = ""


class Page:
    """The slice of a list shown on one page, with what the pagination macro needs."""

    def __init__(self, items, page, per_page, total):
        self.items, self.page, self.per_page, self.total = items, page, per_page, total
        self.pages = max(1, math.ceil(total / per_page))
        self.has_prev, self.has_next = page > 1, page < self.pages
        self.prev_num, self.next_num = page - 1, page + 1


def _filtered(stmt, filters):
    if filters.category_id:
        stmt = stmt.where(Idea.category_id == filters.category_id)
    if filters.district_id:
        stmt = stmt.where(Idea.district_id == filters.district_id)
    if filters.age in AGE_DAYS:
        stmt = stmt.where(Idea.created_at <= utcnow() - timedelta(days=AGE_DAYS[filters.age]))
    return stmt


def _pending(filters):
    stmt = select(Idea).where(Idea.status == "pending")
    if filters.type == "new":
        stmt = stmt.where(Idea.source == "citizen")
    elif filters.type == "creathon":
        stmt = stmt.where(Idea.source == "creathon")
    return _filtered(stmt, filters)


def _reported(filters):
    open_ids = select(Report.idea_id).where(Report.status == "open")
    return _filtered(
        select(Idea).where(Idea.id.in_(open_ids), Idea.status.in_(("published", "hidden"))), filters
    )


def _count(stmt):
    return db.session.scalar(select(func.count()).select_from(stmt.with_only_columns(Idea.id).subquery()))


def _keys(stmt, limit=None):
    """Light (created_at, id) rows in index order; only the page's ideas are loaded in full."""
    stmt = stmt.with_only_columns(Idea.created_at, Idea.id).order_by(Idea.created_at, Idea.id)
    return db.session.execute(stmt.limit(limit) if limit else stmt).all()


def moderation_queue(filters, page=1, per_page=20):
    """Ideas awaiting a decision, oldest first: pending ones (citizens' and créathon imports)
    and published or hidden ones with open reports. Each source is read in index order."""
    page = max(1, page)
    pending_total, pending_keys, reported_keys = 0, [], []
    if filters.type in ("all", "new", "creathon"):
        pending_total = _count(_pending(filters))
        last_page = max(1, math.ceil(pending_total / per_page))
        pending_keys = _keys(_pending(filters), min(page, last_page + 1) * per_page)
    if filters.type in ("all", "reported"):
        # Ideas with open reports are few (each report is handled): read them all, count them here.
        reported_keys = _keys(_reported(filters))
    total = pending_total + len(reported_keys)
    if filters == QueueFilters():
        g.moderation_waiting = total  # the staff menu shows the same number: count once
    page = min(page, max(1, math.ceil(total / per_page)))
    keys = sorted(pending_keys + reported_keys)
    ids = [idea_id for _created, idea_id in keys[(page - 1) * per_page : page * per_page]]
    loaded = db.session.scalars(
        select(Idea).options(selectinload(Idea.author), selectinload(Idea.district)).where(Idea.id.in_(ids))
    ).all()
    by_id = {idea.id: idea for idea in loaded}
    return Page([by_id[i] for i in ids if i in by_id], page, per_page, total)


def waiting_count():
    """How many items wait in the queue; computed once per request for the staff menu."""
    if "moderation_waiting" not in g:
        g.moderation_waiting = sum(
            _count(stmt) for stmt in (_pending(QueueFilters()), _reported(QueueFilters()))
        )
    return g.moderation_waiting


def author_stats(author_ids):
    """{author id: (ideas, earlier rejections)} for a page of items, in one query."""
    if not author_ids:
        return {}
    rows = db.session.execute(
        select(Idea.author_id, func.count(Idea.id), func.sum(case((Idea.status == "rejected", 1), else_=0)))
        .where(Idea.author_id.in_(set(author_ids)))
        .group_by(Idea.author_id)
    )
    return {author_id: (ideas, int(rejected or 0)) for author_id, ideas, rejected in rows}


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
    stmt = (
        select(User)
        .join(Vote, Vote.user_id == User.id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(
            Vote.idea_id == idea_id,
            User.is_blocked.is_(False),
            or_(NotificationSettings.supporter_updates.is_(None), NotificationSettings.supporter_updates),
        )
    )
    if exclude_id is not None:
        stmt = stmt.where(User.id != exclude_id)
    return db.session.scalars(stmt).all()


def merged_target(idea):
    """The idea a merged duplicate now points to (following chains), or None."""
    seen = set()
    current = idea
    while current is not None and current.status == "merged" and current.merged_into_id not in seen:
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


def _lat_bands(south, north):
    # SQLite truncates a cast to integer and PostgreSQL rounds: take the bands of both.
    return list(range(math.floor(south * LAT_BANDS_PER_DEGREE), math.ceil(north * LAT_BANDS_PER_DEGREE) + 1))


def duplicates_by_idea(ideas, limit=3):
    """{idea id: [(row, similarity, metres)]}: published ideas within ~300 m whose titles look
    alike, most similar first, for a whole page of items in one query (the union of their boxes,
    read through the latitude band index); the titles are compared here."""
    placed = [idea for idea in ideas if idea.is_placed]
    found = {idea.id: [] for idea in ideas}
    if not placed:
        return found
    boxes = [bbox_around(idea.lat, idea.lng, DUPLICATE_RADIUS_M) for idea in placed]
    candidates = db.session.execute(
        select(Idea.id, Idea.title, Idea.lat, Idea.lng, Idea.support_count).where(
            # The status inside each box, so that SQLite too reads each box as an index range.
            or_(
                *(
                    and_(
                        Idea.status == IdeaStatus.PUBLISHED.value,
                        LAT_BAND.in_(_lat_bands(south, north)),
                        Idea.lat.between(south, north),
                        Idea.lng.between(west, east),
                    )
                    for west, south, east, north in boxes
                )
            )
        )
    ).all()
    by_band = defaultdict(list)  # each item then looks only at the candidates of its own bands
    for row in candidates:
        by_band[math.floor(row.lat * LAT_BANDS_PER_DEGREE)].append(row)
    grams_of = {}  # many candidates share a title, and each is compared with several items
    for idea, (west, south, east, north) in zip(placed, boxes, strict=True):
        idea_id, lat, lng, grams = idea.id, idea.lat, idea.lng, trigrams(idea.title)
        matches = found[idea_id]
        for band in range(
            math.floor(south * LAT_BANDS_PER_DEGREE), math.floor(north * LAT_BANDS_PER_DEGREE) + 1
        ):
            for row in by_band.get(band, ()):
                row_id, title, row_lat, row_lng, _supports = row
                if row_id == idea_id or not (south <= row_lat <= north and west <= row_lng <= east):
                    continue
                meters = distance_m(lat, lng, row_lat, row_lng)
                if meters > DUPLICATE_RADIUS_M:
                    continue
                if title not in grams_of:
                    grams_of[title] = trigrams(title)
                score = overlap(grams, grams_of[title])
                if score >= DUPLICATE_THRESHOLD:
                    matches.append((row, score, round(meters)))
        matches.sort(key=lambda item: (-item[1], item[2], item[0].id))
        del matches[limit:]
    return found


def possible_duplicates(idea, limit=5):
    """Published ideas within ~300 m whose titles look alike, most similar first."""
    return duplicates_by_idea([idea], limit)[idea.id]
