"""Read-only queries of the public API: pages of published ideas and what each idea links to."""

from sqlalchemy import and_, or_, select

from app.creathon.models import Event, Link, LinkState, Outcome
from app.extensions import db
from app.ideas.models import Category, District, Idea
from app.ideas.queries import filtered_ideas
from app.moderation.models import PublicStatusEntry


def idea_page(query):
    """At most `query.limit` published ideas after the cursor, and whether more follow."""
    stmt = filtered_ideas(category=query.category, district=query.district, q=query.q)
    if query.bbox is not None:
        west, south, east, north = query.bbox
        stmt = stmt.where(Idea.lng.between(west, east), Idea.lat.between(south, north))
    if query.status is not None:
        stmt = stmt.where(Idea.public_status == query.status)
    if query.sort == "newest":
        if query.after:
            stmt = stmt.where(Idea.id < query.after[0])
        stmt = stmt.order_by(Idea.id.desc())
    else:
        if query.after:
            supports, idea_id = query.after
            stmt = stmt.where(
                or_(
                    Idea.support_count < supports,
                    and_(Idea.support_count == supports, Idea.id < idea_id),
                )
            )
        stmt = stmt.order_by(Idea.support_count.desc(), Idea.id.desc())
    ideas = db.session.scalars(stmt.limit(query.limit + 1)).all()
    return ideas[: query.limit], len(ideas) > query.limit


def published_idea(idea_id):
    return db.session.scalar(select(Idea).where(Idea.id == idea_id, Idea.status == "published"))


def public_timeline(idea_id):
    """The city's public answers to an idea, oldest first."""
    return db.session.scalars(
        select(PublicStatusEntry)
        .where(PublicStatusEntry.idea_id == idea_id)
        .order_by(PublicStatusEntry.created_at, PublicStatusEntry.id)
    ).all()


def creathon_links(idea_id):
    """Published créathon outcome ideas confirmed as linked to the idea: (outcome, event, relation)."""
    return db.session.execute(
        select(Outcome, Event, Link.relation)
        .join(Link, Link.outcome_id == Outcome.id)
        .join(Event, Event.id == Outcome.event_id)
        .join(Idea, Idea.id == Outcome.idea_id)
        .where(Link.idea_id == idea_id, Link.state == LinkState.CONFIRMED.value, Idea.status == "published")
        .order_by(Event.start_date, Outcome.id)
    ).all()


def creathon_origin(idea_id):
    return db.session.execute(
        select(Outcome, Event).join(Event, Event.id == Outcome.event_id).where(Outcome.idea_id == idea_id)
    ).first()


def all_categories():
    return db.session.scalars(select(Category).order_by(Category.theme, Category.position, Category.id)).all()


def all_districts():
    return db.session.scalars(select(District).order_by(District.id)).all()
