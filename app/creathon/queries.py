"""Read-only queries for event pages, outcome pages, import history and the idea page."""

from collections import defaultdict

from sqlalchemy import case
from sqlalchemy.orm import selectinload

from app.creathon.models import Event, ImportRecord, Link, LinkState, Outcome
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, Idea


def events_newest_first():
    return db.select(Event).order_by(Event.start_date.desc(), Event.id.desc())


def event_by_slug(slug):
    return db.session.scalar(db.select(Event).where(Event.slug == slug))


def ranked_outcomes(event, include_unpublished=False):
    """Outcomes of `event` (a select): ranked winners first (1, 2, 3…), then the others by title."""
    query = (
        db.select(Outcome)
        .join(Outcome.idea)
        .where(Outcome.event_id == event.id)
        .order_by(case((Outcome.rank.is_(None), 1), else_=0), Outcome.rank, Idea.title, Outcome.id)
    )
    if not include_unpublished:
        query = query.where(Idea.status == IdeaStatus.PUBLISHED.value)
    return query


def confirmed_links_by_outcome(outcome_ids):
    """{outcome id: [Link]} of confirmed links, with their ideas, in one query: published ideas
    first. Pages name only those; the others (hidden, withdrawn since) show as unavailable."""
    if not outcome_ids:
        return {}
    query = (
        db.select(Link)
        .join(Link.idea)
        .options(selectinload(Link.idea))
        .where(Link.outcome_id.in_(outcome_ids), Link.state == LinkState.CONFIRMED.value)
        .order_by(
            case((Idea.status == IdeaStatus.PUBLISHED.value, 0), else_=1),
            Idea.support_count.desc(),
            Idea.id,
        )
    )
    grouped = defaultdict(list)
    for link in db.session.scalars(query):
        grouped[link.outcome_id].append(link)
    return grouped


def outcome_in_event(event, outcome_id):
    return db.session.scalar(db.select(Outcome).where(Outcome.id == outcome_id, Outcome.event_id == event.id))


def outcome_of_idea(idea_id):
    return db.session.scalar(
        db.select(Outcome).options(selectinload(Outcome.event)).where(Outcome.idea_id == idea_id)
    )


def outcomes_titled_in_arabic(idea_ids):
    """{idea id: outcome} for the outcomes among these ideas that have an Arabic title."""
    if not idea_ids:
        return {}
    stmt = db.select(Outcome).where(Outcome.idea_id.in_(idea_ids), Outcome.title_ar.is_not(None))
    return {outcome.idea_id: outcome for outcome in db.session.scalars(stmt)}


def discussions_of_idea(idea_id):
    """Confirmed links from published outcomes to this citizen's idea, with event and outcome."""
    outcome_idea = db.aliased(Idea)
    query = (
        db.select(Link)
        .join(Link.outcome)
        .join(outcome_idea, Outcome.idea_id == outcome_idea.id)
        .options(selectinload(Link.outcome).selectinload(Outcome.event))
        .where(
            Link.idea_id == idea_id,
            Link.state == LinkState.CONFIRMED.value,
            outcome_idea.status == IdeaStatus.PUBLISHED.value,
        )
        .order_by(Link.created_at)
    )
    return db.session.scalars(query).all()


def imports_of_event(event):
    return db.session.scalars(
        db.select(ImportRecord)
        .options(selectinload(ImportRecord.user))
        .where(ImportRecord.event_id == event.id)
        .order_by(ImportRecord.created_at.desc(), ImportRecord.id.desc())
    ).all()


def import_in_event(event, import_id):
    return db.session.scalar(
        db.select(ImportRecord).where(ImportRecord.id == import_id, ImportRecord.event_id == event.id)
    )


def facilitator_choices():
    from app.accounts.models import User

    return db.session.scalars(
        db.select(User).where(User.role.in_(("facilitator", "admin"))).order_by(User.display_name)
    ).all()


def upcoming_events(today, limit=3):
    """Events starting today or later, soonest first."""
    return db.session.scalars(
        db.select(Event).where(Event.start_date >= today).order_by(Event.start_date, Event.id).limit(limit)
    ).all()


def recent_events(today, limit=3):
    """Events that started before today, latest first."""
    return db.session.scalars(
        db.select(Event)
        .where(Event.start_date < today)
        .order_by(Event.start_date.desc(), Event.id.desc())
        .limit(limit)
    ).all()


def category_ids():
    return set(db.session.scalars(db.select(Category.id)))


def category_by_slug(slug):
    return db.session.scalar(db.select(Category).where(Category.slug == slug))


def categories_in_order():
    return db.session.scalars(db.select(Category).order_by(Category.position, Category.id)).all()
