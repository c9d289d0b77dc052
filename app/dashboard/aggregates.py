"""Recomputing the dashboard's aggregate tables from ideas, votes and moderation actions, in
the caller's transaction: a few GROUP BY statements, run by a job or `flask dashboard refresh`,
never by a page view."""

import time

from sqlalchemy import Integer, and_, case, cast, delete, func, insert, literal, select, text, union

from app.core.time import utcnow
from app.creathon.models import Outcome
from app.dashboard.models import (
    ALL,
    NO_DISTRICT,
    TOP,
    TOTAL,
    DashboardState,
    DecisionFigure,
    DistrictFigure,
    EventFigure,
    IdeaFigure,
    SupportFigure,
    TopIdea,
)
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.moderation.models import ModerationAction
from app.votes.models import Vote

# The first of these on an idea is its decision (as on /transparency).
DECISIONS = ("approve", "reject", "request_changes")
TABLES = (IdeaFigure, SupportFigure, DecisionFigure, DistrictFigure, EventFigure, TopIdea)
PUBLISHED = IdeaStatus.PUBLISHED.value


def month_of(connection, column):
    """The "YYYY-MM" of a timestamp column, in SQL."""
    if connection.dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _hours_between(connection, start, end):
    if connection.dialect.name == "sqlite":
        seconds = (func.julianday(end) - func.julianday(start)) * 86400
        return cast(seconds / 3600, Integer)
    return cast(func.floor(func.extract("epoch", end - start) / 3600), Integer)


def _idea_dimensions(month, by):
    # The rows of one breakdown ("source" or "language"); the totals are summed from the
    # rows per source (_totals), the roll-ups over categories and districts from the detail.
    return (
        literal(by),
        Idea.category_id,
        func.coalesce(Idea.district_id, NO_DISTRICT),
        getattr(Idea, by),
        month,
    )


def _ideas(connection, by):
    dims = _idea_dimensions(month_of(connection, Idea.created_at), by)
    published = Idea.status == PUBLISHED
    query = select(*dims, func.count(), func.sum(case((published, 1), else_=0))).group_by(*dims)
    table = IdeaFigure.__table__
    return insert(table).from_select([c.name for c in table.columns], query)


def _supports(connection, by):
    dims = _idea_dimensions(month_of(connection, Vote.created_at), by)
    query = (
        select(*dims, func.count())
        .select_from(Vote)
        .join(Idea, Idea.id == Vote.idea_id)
        .where(Idea.status == PUBLISHED)
        .group_by(*dims)
    )
    table = SupportFigure.__table__
    return insert(table).from_select([c.name for c in table.columns], query)


def _totals(model, measures):
    """The "total" rows, summed from the rows per source."""
    table = model.__table__
    c = table.c
    dims = (c.category_id, c.district_id, c.month)
    query = (
        select(
            literal(TOTAL),
            c.category_id,
            c.district_id,
            literal(""),
            c.month,
            *(func.sum(c[m]) for m in measures),
        )
        .where(c.breakdown == "source")
        .group_by(*dims)
    )
    return insert(table).from_select([col.name for col in table.columns], query)


def _all_categories_and_districts(model, measures):
    """Rows for every category (category_id ALL), every district, and both, summed from the
    detailed rows: whatever the filters, a breakdown reads a few hundred rows at most."""
    table = model.__table__
    c = table.c
    detailed = and_(c.category_id != ALL, c.district_id != ALL)
    statements = []
    for category, district in (
        (literal(ALL), c.district_id),
        (c.category_id, literal(ALL)),
        (literal(ALL), literal(ALL)),
    ):
        dims = (c.breakdown, category, district, c.value, c.month)
        query = select(*dims, *(func.sum(c[m]) for m in measures)).where(detailed).group_by(*dims)
        statements.append(insert(table).from_select([col.name for col in table.columns], query))
    return statements


def _decisions(connection):
    first = (
        select(ModerationAction.idea_id, func.min(ModerationAction.id).label("action_id"))
        .where(ModerationAction.action.in_(DECISIONS))
        .group_by(ModerationAction.idea_id)
        .subquery()
    )
    month = month_of(connection, ModerationAction.created_at)
    hours = _hours_between(connection, Idea.created_at, ModerationAction.created_at)
    hours = case((hours < 0, 0), else_=hours)
    query = (
        select(month, ModerationAction.action, hours, func.count())
        .select_from(first)
        .join(ModerationAction, ModerationAction.id == first.c.action_id)
        .join(Idea, Idea.id == first.c.idea_id)
        .group_by(month, ModerationAction.action, hours)
    )
    table = DecisionFigure.__table__
    return insert(table).from_select([c.name for c in table.columns], query)


def _districts():
    district = func.coalesce(Idea.district_id, NO_DISTRICT).label("district_id")
    published = Idea.status == PUBLISHED
    people = union(
        select(district, Idea.author_id.label("user_id")).where(published, Idea.author_id.is_not(None)),
        select(district, Vote.user_id).join(Idea, Idea.id == Vote.idea_id).where(published),
    ).subquery()
    query = select(people.c.district_id, func.count()).group_by(people.c.district_id)
    return insert(DistrictFigure.__table__).from_select(["district_id", "participants"], query)


def _events():
    published = Idea.status == PUBLISHED
    query = (
        select(
            Outcome.event_id,
            func.count(),
            func.sum(case((published, 1), else_=0)),
            func.sum(case((published, Idea.support_count), else_=0)),
        )
        .join(Idea, Idea.id == Outcome.idea_id)
        .group_by(Outcome.event_id)
    )
    table = EventFigure.__table__
    return insert(table).from_select(["event_id", "ideas", "published", "supports"], query)


def _top_ideas(per_category, per_district):
    """The TOP most supported published ideas per category and/or district (or overall)."""
    category = Idea.category_id if per_category else literal(ALL)
    district = Idea.district_id if per_district else literal(ALL)
    rank = func.row_number().over(
        partition_by=(category, district), order_by=(Idea.support_count.desc(), Idea.id.desc())
    )
    ranked = (
        select(
            category.label("category_id"),
            district.label("district_id"),
            rank.label("rank"),
            Idea.id.label("idea_id"),
            Idea.support_count.label("supports"),
        )
        .where(Idea.status == PUBLISHED, *([Idea.district_id.is_not(None)] if per_district else []))
        .subquery()
    )
    query = select(ranked).where(ranked.c.rank <= TOP)
    table = TopIdea.__table__
    return insert(table).from_select([c.name for c in table.columns], query)


def refresh_figures(connection):
    """Recompute every aggregate from scratch (statements only, never a commit); returns the
    DashboardState values written."""
    start = time.perf_counter()
    if connection.dialect.name == "postgresql":
        # One refresh at a time; pages go on reading the previous figures until it commits.
        names = ", ".join(model.__tablename__ for model in (*TABLES, DashboardState))
        connection.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
    for model in TABLES:
        connection.execute(delete(model.__table__))
    for statement in (
        _ideas(connection, "source"),
        _ideas(connection, "language"),
        _totals(IdeaFigure, ("received", "published")),
        *_all_categories_and_districts(IdeaFigure, ("received", "published")),
        _supports(connection, "source"),
        _supports(connection, "language"),
        _totals(SupportFigure, ("supports",)),
        *_all_categories_and_districts(SupportFigure, ("supports",)),
        _decisions(connection),
        _districts(),
        _events(),
        *(_top_ideas(category, district) for category in (False, True) for district in (False, True)),
    ):
        connection.execute(statement)
    seconds = round(time.perf_counter() - start, 3)
    state = DashboardState.__table__
    now = utcnow()
    updated = connection.execute(
        state.update().where(state.c.id == 1).values(refreshed_at=now, seconds=seconds)
    )
    if updated.rowcount == 0:
        connection.execute(state.insert().values(id=1, refreshed_at=now, seconds=seconds))
    return now, seconds
