"""Read-only questions about comments: a thread's page (keyset), the arguments, the tally."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select, tuple_
from sqlalchemy.orm import aliased, selectinload

from app.comments.models import Comment, CommentSupport, CommentTally
from app.core.counters import counter_drift
from app.extensions import db

SORTS = ("oldest", "newest", "supported")
PER_PAGE = 20


@dataclass
class ThreadPage:
    comments: list
    replies: dict  # {comment id: [replies, oldest first]}
    next_cursor: str | None
    sort: str


def _shown(viewer_id, staff=False):
    """Comments a visitor sees: published ones, placeholders of removed ones that have replies,
    and their own comments waiting for a moderator. Moderators also see the hidden ones, where
    they can restore them."""
    clauses = [
        Comment.status == "published",
        and_(Comment.status.in_(("deleted", "hidden")), Comment.reply_count > 0),
    ]
    if viewer_id is not None:
        clauses.append(and_(Comment.status == "pending", Comment.author_id == viewer_id))
    if staff:
        clauses.append(Comment.status == "hidden")
    return or_(*clauses)


def _sort_key(sort):
    if sort == "supported":
        return Comment.support_count, Comment.id
    return Comment.created_at, Comment.id


def _encode(comment, sort):
    value = comment.support_count if sort == "supported" else comment.created_at.isoformat()
    return f"{value}~{comment.id}"


def _decode(cursor, sort):
    """(value, id) from a cursor, or None for a missing or malformed one (the first page)."""
    value, _sep, raw_id = (cursor or "").partition("~")
    try:
        key = int(value) if sort == "supported" else datetime.fromisoformat(value)
        return key, int(raw_id)
    except ValueError:
        return None


def thread_page(idea_id, sort="oldest", cursor=None, viewer_id=None, per_page=PER_PAGE, staff=False):
    """One page of an idea's top-level comments in `sort` order, after `cursor`, with all their
    replies. Read along the thread's index from the cursor on: the page costs the same on a
    thread of ten comments or of ten thousand."""
    sort = sort if sort in SORTS else "oldest"
    first, second = _sort_key(sort)
    descending = sort != "oldest"
    stmt = select(Comment).where(
        Comment.idea_id == idea_id, Comment.parent_id.is_(None), _shown(viewer_id, staff)
    )
    after = _decode(cursor, sort)
    if after is not None:
        position = tuple_(first, second)
        stmt = stmt.where(position < tuple_(*after) if descending else position > tuple_(*after))
    order = (first.desc(), second.desc()) if descending else (first, second)
    rows = db.session.scalars(
        stmt.options(selectinload(Comment.author)).order_by(*order).limit(per_page + 1)
    ).all()
    comments, more = rows[:per_page], len(rows) > per_page
    return ThreadPage(
        comments,
        # Every comment of the page, not only those with replies shown to all: a resident's own
        # reply waiting for a moderator is theirs to see, and counted for no one.
        replies_of([c.id for c in comments], viewer_id, staff),
        _encode(comments[-1], sort) if more else None,
        sort,
    )


def replies_of(parent_ids, viewer_id=None, staff=False):
    grouped = {parent_id: [] for parent_id in parent_ids}
    if parent_ids:
        for reply in db.session.scalars(
            select(Comment)
            .options(selectinload(Comment.author))
            .where(Comment.parent_id.in_(parent_ids), _shown(viewer_id, staff))
            .order_by(Comment.created_at, Comment.id)
        ):
            grouped[reply.parent_id].append(reply)
    return grouped


def arguments(idea_id, limit=3):
    """The most supported published arguments for and against, for the side-by-side view."""
    found = {}
    for stance in ("for", "against"):
        found[stance] = db.session.scalars(
            select(Comment)
            .options(selectinload(Comment.author))
            .where(Comment.idea_id == idea_id, Comment.stance == stance, Comment.status == "published")
            .order_by(Comment.support_count.desc(), Comment.id)
            .limit(limit)
        ).all()
    return found


def tally(idea_id):
    return db.session.get(CommentTally, idea_id) or CommentTally(
        idea_id=idea_id, total=0, for_count=0, against_count=0, neutral_count=0
    )


def supported_ids(user_id, comment_ids):
    if not comment_ids:
        return set()
    return set(
        db.session.scalars(
            select(CommentSupport.comment_id).where(
                CommentSupport.user_id == user_id, CommentSupport.comment_id.in_(comment_ids)
            )
        )
    )


def reply_count_drift(limit=20):
    """Comments whose `reply_count` differs from their number of published replies (at most
    `limit`, by id): (id, idea_id, reply_count, published replies)."""
    reply = aliased(Comment)
    counted = (
        select(reply.parent_id.label("key"), func.count().label("n"))
        .where(reply.parent_id.is_not(None), reply.status == "published")
        .group_by(reply.parent_id)
        .subquery()
    )
    return counter_drift((Comment.id, Comment.idea_id), Comment.reply_count, Comment.id, counted, limit)


def support_count_drift(limit=20):
    """Comments whose `support_count` differs from their support rows (at most `limit`, by id):
    (id, idea_id, support_count, rows)."""
    counted = (
        select(CommentSupport.comment_id.label("key"), func.count().label("n"))
        .group_by(CommentSupport.comment_id)
        .subquery()
    )
    return counter_drift((Comment.id, Comment.idea_id), Comment.support_count, Comment.id, counted, limit)


def tally_drift(limit=20):
    """Ideas whose comment tally differs from their published comments (a missing tally reads
    as zeros), at most `limit` by id: (idea_id, (total, for, against, neutral) kept, counted)."""
    stance = Comment.stance
    counted = (
        select(
            Comment.idea_id.label("idea_id"),
            func.count().label("total"),
            func.sum(case((stance == "for", 1), else_=0)).label("for_count"),
            func.sum(case((stance == "against", 1), else_=0)).label("against_count"),
            func.sum(case((stance == "neutral", 1), else_=0)).label("neutral_count"),
        )
        .where(Comment.status == "published")
        .group_by(Comment.idea_id)
        .subquery()
    )
    columns = ("total", "for_count", "against_count", "neutral_count")
    kept = [func.coalesce(getattr(CommentTally, c), 0).label(f"kept_{c}") for c in columns]
    actual = [func.coalesce(getattr(counted.c, c), 0).label(c) for c in columns]
    # Both sides of a full outer join, written as two left joins (SQLite before 3.39 has none).
    from_tallies = (
        select(CommentTally.idea_id.label("idea_id"), *kept, *actual)
        .select_from(CommentTally)
        .outerjoin(counted, counted.c.idea_id == CommentTally.idea_id)
        .where(or_(*(k != a for k, a in zip(kept, actual, strict=True))))
    )
    untallied = (
        select(
            counted.c.idea_id.label("idea_id"), *[db.literal(0).label(f"kept_{c}") for c in columns], *actual
        )
        .select_from(counted)
        .outerjoin(CommentTally, CommentTally.idea_id == counted.c.idea_id)
        .where(CommentTally.idea_id.is_(None), counted.c.total > 0)
    )
    both = from_tallies.union_all(untallied).subquery()
    rows = db.session.execute(select(both).order_by(both.c.idea_id).limit(limit)).all()
    return [(row[0], tuple(row[1:5]), tuple(row[5:9])) for row in rows]
