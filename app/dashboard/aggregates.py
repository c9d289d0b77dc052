"""Recomputing the dashboard's aggregate tables from ideas, votes and moderation actions, in
the caller's transaction: a few GROUP BY statements, run by a job or `flask dashboard refresh`,
never by a page view."""

import time

from sqlalchemy import Integer, case, cast, delete, func, insert, select, text, union

from app.core.time import utcnow
from app.creathon.models import Outcome
from app.dashboard.models import (
    NO_DISTRICT,
    DashboardState,
    DecisionFigure,
    DistrictFigure,
    EventFigure,
    IdeaFigure,
    SupportFigure,
)
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.moderation.models import ModerationAction
from app.votes.models import Vote

# The first of these on an idea is its decision (as on /transparency).
DECISIONS = ("approve", "reject", "request_changes")
TABLES = (IdeaFigure, SupportFigure, DecisionFigure, DistrictFigure, EventFigure)
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


def _idea_dimensions(connection, month):
    return (month, Idea.category_id, func.coalesce(Idea.district_id, NO_DISTRICT), Idea.source, Idea.language)


def _ideas(connection):
    dims = _idea_dimensions(connection, month_of(connection, Idea.created_at))
    published = Idea.status == PUBLISHED
    query = select(*dims, func.count(), func.sum(case((published, 1), else_=0))).group_by(*dims)
    table = IdeaFigure.__table__
    return insert(table).from_select([c.name for c in table.columns], query)


def _supports(connection):
    dims = _idea_dimensions(connection, month_of(connection, Vote.created_at))
    query = (
        select(*dims, func.count())
        .select_from(Vote)
        .join(Idea, Idea.id == Vote.idea_id)
        .where(Idea.status == PUBLISHED)
        .group_by(*dims)
    )
    table = SupportFigure.__table__
    return insert(table).from_select([c.name for c in table.columns], query)


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
        _ideas(connection),
        _supports(connection),
        _decisions(connection),
        _districts(),
        _events(),
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
