"""Supporting and withdrawing, exact under concurrency; round settings. Flush, never commit."""

from collections import namedtuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.models import User
from app.extensions import db
from app.ideas.models import Idea
from app.votes import queries
from app.votes.models import ClosedCategory, Vote, VoteSettings

VoteResult = namedtuple("VoteResult", "supported count changed")

# Every counter set to its number of rows: one UPDATE with a correlated subquery.
_REPAIR = text(
    "UPDATE ideas SET support_count = (SELECT count(*) FROM votes WHERE votes.idea_id = ideas.id)"
    " WHERE support_count <> (SELECT count(*) FROM votes WHERE votes.idea_id = ideas.id)"
)
_BUMP = text("UPDATE ideas SET support_count = support_count + :delta WHERE id = :id RETURNING support_count")


class VoteNotAllowed(Exception):
    """A support or withdrawal refused; `message` is translated, `status` the HTTP status."""

    def __init__(self, reason, message, status=409):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status

    def __str__(self):
        return str(self.message)


def _bump(idea, delta):
    # One UPDATE relative to the stored value: concurrent supports cannot overwrite each other.
    count = db.session.execute(_BUMP, {"delta": delta, "id": idea.id}).scalar_one()
    set_committed_value(idea, "support_count", count)
    return count


def _ensure_round_open(idea, settings, closed_ids=None):
    if not settings.is_open:
        raise VoteNotAllowed("closed", _l("Supporting is closed at the moment."))
    if closed_ids is not None:
        closed = idea.category_id in closed_ids
    else:
        closed = queries.category_is_closed(idea.category_id)
    if closed:
        raise VoteNotAllowed("category_closed", _l("Supporting is closed for ideas in this category."))


def ensure_can_support(user, idea, settings=None, closed_ids=None):
    """Raise VoteNotAllowed when `user` may not support `idea` now; return the round settings.

    Pages showing many ideas pass the settings and closed category ids they loaded once."""
    if user.is_blocked:
        raise VoteNotAllowed("blocked", _l("Your account cannot support ideas."), 403)
    if not user.is_verified:
        raise VoteNotAllowed("unverified", _l("Confirm your email address before supporting ideas."), 403)
    if not idea.is_published:
        raise VoteNotAllowed("not_published", _l("Only published ideas can be supported."))
    settings = settings or queries.round_settings()
    _ensure_round_open(idea, settings, closed_ids)
    return settings


def maximum_reached(maximum):
    return _l(
        "You have used all your supports (maximum %(max)s). Withdraw one to support another idea.",
        max=maximum,
    )


def _ensure_below_maximum(user, idea, maximum):
    # Locking the user's row (PostgreSQL) serialises one person's concurrent supports, so
    # two of them cannot both pass the count; SQLite already serialises writers.
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update())
    if queries.support_total(user.id) >= maximum and not queries.has_vote(user.id, idea.id):
        raise VoteNotAllowed("maximum", maximum_reached(maximum))


def cast_vote(user, idea):
    """Support `idea` as `user`. Supporting twice is a no-op (`changed` is False)."""
    settings = ensure_can_support(user, idea)
    # The counter moves first: this opens the write transaction (on SQLite too, so that the
    # SAVEPOINT below nests inside it) and locks the idea's row, in the same order as
    # withdraw_vote, so concurrent support and withdrawal cannot deadlock.
    count = _bump(idea, +1)
    try:
        if settings.max_per_user is not None:
            _ensure_below_maximum(user, idea, settings.max_per_user)
        with db.session.begin_nested():
            db.session.execute(insert(Vote).values(user_id=user.id, idea_id=idea.id))
    except IntegrityError:
        if not queries.has_vote(user.id, idea.id):
            raise
        return VoteResult(True, _bump(idea, -1), False)
    except VoteNotAllowed:
        _bump(idea, -1)
        raise
    return VoteResult(True, count, True)


def ensure_can_withdraw(idea, settings=None, closed_ids=None):
    """While the round or the idea's category is closed the tally is frozen: no withdrawals."""
    _ensure_round_open(idea, settings or queries.round_settings(), closed_ids)


def withdraw_vote(user, idea):
    """Withdraw `user`'s support of `idea`; withdrawing a support that does not exist is a no-op."""
    ensure_can_withdraw(idea)
    # Lock the idea first, like cast_vote, then delete; only a deleted row moves the counter.
    count = db.session.execute(
        select(Idea.support_count).where(Idea.id == idea.id).with_for_update()
    ).scalar_one()
    deleted = db.session.execute(
        delete(Vote).where(Vote.user_id == user.id, Vote.idea_id == idea.id)
    ).rowcount
    if deleted:
        return VoteResult(False, _bump(idea, -1), True)
    set_committed_value(idea, "support_count", count)
    return VoteResult(False, count, False)


def update_settings(is_open, max_per_user, closed_category_ids):
    """Save the round settings: open or closed, the maximum (None: none), closed categories."""
    settings = db.session.get(VoteSettings, 1)
    if settings is None:
        settings = VoteSettings(id=1)
        db.session.add(settings)
    settings.is_open = bool(is_open)
    settings.max_per_user = max_per_user or None
    wanted = set(closed_category_ids)
    current = queries.closed_category_ids()
    if current - wanted:
        db.session.execute(delete(ClosedCategory).where(ClosedCategory.category_id.in_(current - wanted)))
    for category_id in sorted(wanted - current):
        db.session.add(ClosedCategory(category_id=category_id))
    db.session.flush()
    return settings


def repair_counters():
    """Set every drifting `support_count` to its number of rows; returns how many changed."""
    return db.session.execute(_REPAIR).rowcount
