"""Read-only questions about supports and the supporting round's settings."""

from dataclasses import dataclass

from sqlalchemy import bindparam, exists, func, select, text
from sqlalchemy.orm import contains_eager

from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, Idea
from app.votes.models import ClosedCategory, Vote, VoteSettings


@dataclass(frozen=True)
class RoundSettings:
    is_open: bool = True
    max_per_user: int | None = None


def round_settings():
    """The round-wide settings; the defaults (open, no maximum) until an admin saves some."""
    row = db.session.execute(
        select(VoteSettings.is_open, VoteSettings.max_per_user).where(VoteSettings.id == 1)
    ).first()
    return RoundSettings(row.is_open, row.max_per_user) if row else RoundSettings()


# Built once: every support asks them, and building a statement costs more than running it.
_IS_OPEN = select(VoteSettings.is_open).where(VoteSettings.id == 1).scalar_subquery()
_MAXIMUM = select(VoteSettings.max_per_user).where(VoteSettings.id == 1).scalar_subquery()
_RULES = select(_IS_OPEN, _MAXIMUM, exists().where(ClosedCategory.category_id == bindparam("category_id")))


def _settings(is_open, max_per_user):
    # No settings row yet: the round is open.
    return RoundSettings(True if is_open is None else bool(is_open), max_per_user)


def rules_for(category_id):
    """The round settings and whether `category_id` is closed, in one round trip."""
    row = db.session.execute(_RULES, {"category_id": category_id}).one()
    return _settings(row[0], row[1]), bool(row[2])


@dataclass(frozen=True, slots=True)
class SupportTarget:
    """An idea as a support or withdrawal needs it, with the round's rules that apply to it."""

    id: int
    status: str
    category_id: int
    settings: RoundSettings
    category_closed: bool

    @property
    def is_published(self):
        return self.status == IdeaStatus.PUBLISHED.value


# On the tables, not the mapped classes: a plain row, without the ORM's result processing.
_ideas, _closed = Idea.__table__, ClosedCategory.__table__
_TARGET = select(
    _ideas.c.id,
    _ideas.c.status,
    _ideas.c.category_id,
    _IS_OPEN,
    _MAXIMUM,
    exists().where(_closed.c.category_id == _ideas.c.category_id),
).where(_ideas.c.id == bindparam("idea_id"))


def support_target(idea_id):
    """The idea `idea_id` with the rules for supporting it, in one round trip; None if unknown."""
    row = db.session.execute(_TARGET, {"idea_id": idea_id}).first()
    if row is None:
        return None
    return SupportTarget(row[0], row[1], row[2], _settings(row[3], row[4]), bool(row[5]))


def closed_category_ids():
    return set(db.session.execute(select(ClosedCategory.category_id)).scalars())


def support_total(user_id):
    """How many ideas the user supports now (withdrawn supports do not count)."""
    return db.session.execute(select(func.count()).where(Vote.user_id == user_id)).scalar_one()


def supports_since(moment):
    """Supports given since `moment` (and not withdrawn since)."""
    return db.session.scalar(select(func.count(Vote.id)).where(Vote.created_at >= moment))


def supports_left(user_id, settings=None):
    """Supports the user may still give, or None when there is no maximum."""
    settings = settings or round_settings()
    if settings.max_per_user is None:
        return None
    return max(settings.max_per_user - support_total(user_id), 0)


def has_vote(user_id, idea_id):
    return (
        db.session.execute(select(Vote.id).where(Vote.user_id == user_id, Vote.idea_id == idea_id)).first()
        is not None
    )


def supported_idea_ids(user_id, idea_ids=None):
    """Ids of the ideas the user supports, among `idea_ids` when given; one query."""
    query = select(Vote.idea_id).where(Vote.user_id == user_id)
    if idea_ids is not None:
        idea_ids = list(idea_ids)
        if not idea_ids:
            return set()
        query = query.where(Vote.idea_id.in_(idea_ids))
    return set(db.session.execute(query).scalars())


def supports_of(user_id):
    """The user's supports with their ideas, newest first (a select for pagination)."""
    return (
        select(Vote)
        .join(Vote.idea)
        .options(contains_eager(Vote.idea))
        .where(Vote.user_id == user_id)
        .order_by(Vote.created_at.desc(), Vote.id.desc())
    )


def categories_for_settings():
    return db.session.execute(select(Category).order_by(Category.position, Category.name_fr)).scalars().all()


def round_totals():
    """Supports given and residents who gave at least one, for the admin page."""
    row = db.session.execute(
        select(func.count(), func.count(func.distinct(Vote.user_id))).select_from(Vote)
    ).first()
    return {"supports": row[0], "supporters": row[1]}


DRIFT_SQL = text(
    "SELECT id, title, support_count, actual FROM ("
    " SELECT ideas.id, ideas.title, ideas.support_count,"
    " (SELECT count(*) FROM votes WHERE votes.idea_id = ideas.id) AS actual FROM ideas"
    ") AS counted WHERE support_count <> actual ORDER BY id"
)


def counter_drift():
    """Ideas whose `support_count` differs from their number of vote rows."""
    return db.session.execute(DRIFT_SQL).all()
