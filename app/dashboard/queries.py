"""The dashboard's figures, read from its aggregate tables (and, for the few top ideas, from the
ideas' support index): never a count over all the ideas."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.creathon.models import Event
from app.dashboard.models import (
    ALL,
    TOTAL,
    DashboardState,
    DecisionFigure,
    DistrictFigure,
    EventFigure,
    IdeaFigure,
    SupportFigure,
    TopIdea,
)
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, District, Idea


@dataclass(frozen=True)
class Filters:
    """Months "YYYY-MM" from and to (inclusive, None: open), a category and a district id."""

    first_month: str | None = None
    last_month: str | None = None
    category_id: int | None = None
    district_id: int | None = None


def state():
    """When the figures were last recomputed (None before the first time)."""
    return db.session.get(DashboardState, 1)


def _period(model, filters):
    where = []
    if filters.first_month:
        where.append(model.month >= filters.first_month)
    if filters.last_month:
        where.append(model.month <= filters.last_month)
    return where


BREAKDOWNS = ("source", "language")


def _where(model, filters, dimension=None):
    """The rows of `model` for the filters at the level of `dimension`: the rows of its
    breakdown for source and language, else the totals; rows of one category or of all (ALL),
    one district or all, as the filters and the breakdown ask."""
    where = _period(model, filters)
    where.append(model.breakdown == (dimension if dimension in BREAKDOWNS else TOTAL))
    for name, chosen in (("category_id", filters.category_id), ("district_id", filters.district_id)):
        column = getattr(model, name)
        where.append(column != ALL if dimension == name and not chosen else column == (chosen or ALL))
    return where


def _column(model, dimension):
    return model.value if dimension in BREAKDOWNS else getattr(model, dimension)


def figures_by(dimension, filters):
    """{value of `dimension`: {"received", "published", "supports"}} for the filters."""
    figures = defaultdict(lambda: {"received": 0, "published": 0, "supports": 0})
    column = _column(IdeaFigure, dimension)
    rows = db.session.execute(
        select(column, func.sum(IdeaFigure.received), func.sum(IdeaFigure.published))
        .where(*_where(IdeaFigure, filters, dimension))
        .group_by(column)
    )
    for key, received, published in rows:
        figures[key]["received"] = int(received)
        figures[key]["published"] = int(published)
    column = _column(SupportFigure, dimension)
    rows = db.session.execute(
        select(column, func.sum(SupportFigure.supports))
        .where(*_where(SupportFigure, filters, dimension))
        .group_by(column)
    )
    for key, supports in rows:
        figures[key]["supports"] = int(supports)
    return dict(figures)


def totals(filters):
    """Received, published and supports over the whole selection."""
    received, published = db.session.execute(
        select(func.sum(IdeaFigure.received), func.sum(IdeaFigure.published)).where(
            *_where(IdeaFigure, filters)
        )
    ).one()
    supports = db.session.scalar(
        select(func.sum(SupportFigure.supports)).where(*_where(SupportFigure, filters))
    )
    return {"received": int(received or 0), "published": int(published or 0), "supports": int(supports or 0)}


def months_known():
    """The first and last month in which an idea was received, or (None, None)."""
    every = _where(IdeaFigure, Filters())  # the totals of every category and district: a key range
    first, last = db.session.execute(
        select(func.min(IdeaFigure.month), func.max(IdeaFigure.month)).where(*every)
    ).one()
    return first, last


def decisions_by_month(filters):
    """{month: {"approve": n, "reject": n, "request_changes": n, "hours": [(hours, n), ...]}}."""
    months = defaultdict(lambda: {"approve": 0, "reject": 0, "request_changes": 0, "hours": defaultdict(int)})
    rows = db.session.execute(
        select(
            DecisionFigure.month, DecisionFigure.action, DecisionFigure.hours, DecisionFigure.decisions
        ).where(*_period(DecisionFigure, filters))
    )
    for month, action, hours, count in rows:
        months[month][action] = months[month].get(action, 0) + count
        months[month]["hours"][hours] += count
    return dict(months)


def median_of_counts(counts):
    """The median of a multiset given as {value: how many}; None when empty."""
    total = sum(counts.values())
    if not total:
        return None
    wanted = ((total - 1) // 2, total // 2)
    found, seen = [], 0
    for value in sorted(counts):
        number = counts[value]
        for position in wanted:
            if seen <= position < seen + number:
                found.append(value)
        seen += number
    return sum(found) / 2


def participants_by_district():
    """{district id (NO_DISTRICT for none): people who proposed or supported there}."""
    return dict(db.session.execute(select(DistrictFigure.district_id, DistrictFigure.participants)).all())


def event_figures():
    """(event, ideas, published, supports) for every event that brought ideas, latest first."""
    return db.session.execute(
        select(Event, EventFigure.ideas, EventFigure.published, EventFigure.supports)
        .join(EventFigure, EventFigure.event_id == Event.id)
        .order_by(Event.start_date.desc(), Event.id.desc())
    ).all()


def top_ideas(filters):
    """(idea, supports) of the most supported published ideas of the category and district
    chosen, all periods, as the last refresh ranked them (ideas since unpublished left out)."""
    return db.session.execute(
        select(Idea, TopIdea.supports)
        .join(TopIdea, TopIdea.idea_id == Idea.id)
        .where(
            TopIdea.category_id == (filters.category_id or ALL),
            TopIdea.district_id == (filters.district_id or ALL),
            Idea.status == IdeaStatus.PUBLISHED.value,
        )
        .order_by(TopIdea.rank)
    ).all()


def month_start(key):
    year, month = (int(part) for part in key.split("-"))
    return datetime(year, month, 1)


def next_month(key):
    year, month = (int(part) for part in key.split("-"))
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def months_between(first, last):
    """Every month key from `first` to `last`, both included."""
    months = []
    while first <= last:
        months.append(first)
        first = next_month(first)
    return months


def categories():
    return db.session.scalars(select(Category).order_by(Category.position, Category.id)).all()


def districts():
    return db.session.scalars(select(District).order_by(District.name_fr)).all()
