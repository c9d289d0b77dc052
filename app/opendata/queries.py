"""Rows of the open datasets, read in batches, and the aggregates that date and tag them."""

from sqlalchemy import case, func, select

from app.accounts.models import User
from app.creathon.models import Event, Link, LinkState, Outcome
from app.extensions import db
from app.ideas.models import Category, District, Idea, IdeaStatus
from app.moderation.models import ModerationAction
from app.moderation.teamqueries import undone_action_ids
from app.moderation.transparency import _month

PUBLISHED = IdeaStatus.PUBLISHED.value
# Rows fetched per round trip: the server-side cursor (PostgreSQL) or SQLite's step holds only these.
BATCH = 2_000


def _stream(stmt):
    return db.session.execute(stmt.execution_options(yield_per=BATCH))


def published_idea_state():
    """Count, supports and latest change of the published ideas: what their datasets depend on."""
    row = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(Idea.support_count), 0),
            func.max(Idea.updated_at),
            func.max(Idea.published_at),
        ).where(Idea.status == PUBLISHED)
    ).one()
    links = db.session.execute(
        select(func.count(), func.max(Link.created_at)).where(Link.state == LinkState.CONFIRMED.value)
    ).one()
    return {"count": row[0], "supports": row[1], "changed": [row[2], row[3], links[1]], "links": links[0]}


def creathon_state():
    events = db.session.execute(select(func.count(), func.max(Event.id), func.max(Event.created_at))).one()
    outcomes = db.session.execute(
        select(func.count(), func.max(Outcome.updated_at))
        .join(Idea, Idea.id == Outcome.idea_id)
        .where(Idea.status == PUBLISHED)
    ).one()
    return {
        "events": events[0],
        "outcomes": outcomes[0],
        "changed": [events[2], outcomes[1]],
        "max": events[1],
    }


def district_state():
    row = db.session.execute(
        select(
            func.count(), func.max(District.id), func.coalesce(func.sum(func.length(District.geometry)), 0)
        )
    ).one()
    return {"count": row[0], "max": row[1], "size": row[2]}


def moderation_state():
    row = db.session.execute(select(func.count(), func.max(ModerationAction.created_at))).one()
    ideas = db.session.execute(select(func.count(), func.max(Idea.id), func.max(Idea.created_at))).one()
    return {"count": row[0], "ideas": ideas[0], "max": ideas[1], "changed": [row[1], ideas[2]]}


def confirmed_links():
    """Idea id → ids of the créathon outcome ideas confirmed as linked to it (a few hundred rows)."""
    links = {}
    rows = db.session.execute(
        select(Link.idea_id, Outcome.idea_id)
        .join(Outcome, Outcome.id == Link.outcome_id)
        .join(Idea, Idea.id == Outcome.idea_id)
        .where(Link.state == LinkState.CONFIRMED.value, Idea.status == PUBLISHED)
        .order_by(Link.idea_id, Outcome.idea_id)
    )
    for idea_id, outcome_idea_id in rows:
        links.setdefault(idea_id, []).append(outcome_idea_id)
    return links


def published_idea_rows(with_author):
    """Published ideas in id order with category, district, créathon origin and (last) author name,
    as plain rows in the order of the columns below."""
    columns = [
        Idea.id,
        Idea.title,
        Idea.description,
        Category.slug.label("category"),
        District.slug.label("district"),
        Idea.public_status,
        Idea.support_count,
        Idea.created_at,
        Idea.published_at,
        Idea.approximate,
        Idea.source,
        Idea.language,
        Idea.lng,
        Idea.lat,
        Event.slug.label("event"),
        Outcome.team,
        Outcome.rank,
    ]
    if with_author:
        # A deleted account's pseudonym is for the moderation log, not for the public.
        author = case((User.deleted_at.is_(None), User.display_name), else_=None)
        columns.append(author.label("author"))
    stmt = (
        select(*columns)
        .join(Category, Category.id == Idea.category_id)
        .outerjoin(District, District.id == Idea.district_id)
        .outerjoin(Outcome, Outcome.idea_id == Idea.id)
        .outerjoin(Event, Event.id == Outcome.event_id)
        .where(Idea.status == PUBLISHED)
        .order_by(Idea.id)
    )
    if with_author:
        stmt = stmt.outerjoin(User, User.id == Idea.author_id)
    return _stream(stmt)


def district_rows():
    """Every district with its boundary and the published ideas and supports inside it."""
    counts = (
        select(
            Idea.district_id,
            func.count().label("ideas"),
            func.coalesce(func.sum(Idea.support_count), 0).label("supports"),
        )
        .where(Idea.status == PUBLISHED, Idea.district_id.is_not(None))
        .group_by(Idea.district_id)
        .subquery()
    )
    return db.session.execute(
        select(
            District.id,
            District.slug,
            District.name_fr,
            District.name_ar,
            District.name_en,
            District.geometry,
            District.is_illustrative,
            func.coalesce(counts.c.ideas, 0).label("ideas"),
            func.coalesce(counts.c.supports, 0).label("supports"),
        )
        .outerjoin(counts, counts.c.district_id == District.id)
        .order_by(District.id)
    ).mappings()


def event_rows():
    """Créathon events in date order with the number of their published outcomes."""
    counts = (
        select(Outcome.event_id, func.count().label("outcomes"))
        .join(Idea, Idea.id == Outcome.idea_id)
        .where(Idea.status == PUBLISHED)
        .group_by(Outcome.event_id)
        .subquery()
    )
    return db.session.execute(
        select(Event, func.coalesce(counts.c.outcomes, 0).label("outcomes"))
        .outerjoin(counts, counts.c.event_id == Event.id)
        .order_by(Event.start_date, Event.id)
    ).all()


def outcome_rows():
    """Outcomes whose idea is published, by event then rank, with the idea's point."""
    return db.session.execute(
        select(
            Outcome.id,
            Event.slug.label("event"),
            Outcome.team,
            Outcome.rank,
            Outcome.idea_id,
            Idea.title,
            Idea.lng,
            Idea.lat,
            Idea.approximate,
        )
        .join(Event, Event.id == Outcome.event_id)
        .join(Idea, Idea.id == Outcome.idea_id)
        .where(Idea.status == PUBLISHED)
        .order_by(Event.start_date, Event.id, Outcome.rank.is_(None), Outcome.rank, Outcome.id)
    ).mappings()


def _grouped(month, category, *where):
    return db.session.execute(
        select(month, category, func.count()).where(*where).group_by(month, category)
    ).all()


def moderation_figures():
    """Per month and category: ideas received, published and rejected, over the whole history."""
    figures = {}

    def add(rows, key):
        for month, category_id, count in rows:
            if month is not None:
                figures.setdefault((month, category_id), {"received": 0, "published": 0, "rejected": 0})[
                    key
                ] += count

    add(_grouped(_month(Idea.created_at), Idea.category_id), "received")
    add(_grouped(_month(Idea.published_at), Idea.category_id, Idea.published_at.is_not(None)), "published")
    month = _month(ModerationAction.created_at)
    add(
        db.session.execute(
            select(month, Idea.category_id, func.count())
            .join(Idea, Idea.id == ModerationAction.idea_id)
            .where(ModerationAction.action == "reject", ModerationAction.id.not_in(undone_action_ids()))
            .group_by(month, Idea.category_id)
        ).all(),
        "rejected",
    )
    return figures


def category_slugs():
    return dict(db.session.execute(select(Category.id, Category.slug)).all())
