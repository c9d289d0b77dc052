"""Supporting and withdrawing, exact under concurrency; round settings. Flush, never commit."""

from collections import namedtuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, select, text
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts.models import User
from app.core.database import rows_for_update
from app.extensions import db
from app.ideas.lifecycle import IDEAS
from app.ideas.models import Idea
from app.votes import queries, tally
from app.votes.models import ClosedCategory, VoteSettings
from app.votes.signals import idea_supported

# `left`: supports the user may still give, None when the round has no maximum.
VoteResult = namedtuple("VoteResult", "supported count changed left")

# The drifting counters set to their number of rows: one UPDATE with a correlated subquery.
_REPAIR = text(
    "UPDATE ideas SET support_count = (SELECT count(*) FROM votes WHERE votes.idea_id = ideas.id)"
    " WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
# Statements of the hot path, built once (on the tables: no ORM synchronisation needed).
_COUNT = select(Idea.__table__.c.support_count).where(Idea.__table__.c.id == bindparam("idea_id"))
_LOCK_USER = select(User.__table__.c.id).where(User.__table__.c.id == bindparam("user_id")).with_for_update()


class VoteNotAllowed(Exception):
    """A support or withdrawal refused; `message` is translated, `status` the HTTP status."""

    def __init__(self, reason, message, status=409):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.status = status

    def __str__(self):
        return str(self.message)


def _shown_count(idea, count):
    # An Idea of this session shows the stored count without being read again.
    if isinstance(idea, Idea):
        set_committed_value(idea, "support_count", count)
    return count


def _rules(idea, settings, closed_ids):
    # A support request reads its idea with the rules (a SupportTarget); pages showing many
    # ideas pass what they loaded once; any other caller asks in one query.
    if isinstance(idea, queries.SupportTarget):
        return idea.settings, idea.category_closed
    if settings is None or closed_ids is None:
        return queries.rules_for(idea.category_id)
    return settings, idea.category_id in closed_ids


def _ensure_round_open(settings, category_closed):
    if not settings.is_open:
        raise VoteNotAllowed("closed", _l("Supporting is closed at the moment."))
    if category_closed:
        raise VoteNotAllowed("category_closed", _l("Supporting is closed for ideas in this category."))


def ensure_can_support(user, idea, settings=None, closed_ids=None):
    """Raise VoteNotAllowed when `user` may not support `idea` now; return the round settings."""
    if user.is_blocked:
        raise VoteNotAllowed("blocked", _l("Your account cannot support ideas."), 403)
    if not user.is_verified:
        raise VoteNotAllowed("unverified", _l("Confirm your email address before supporting ideas."), 403)
    if not IDEAS.can(idea, "support"):
        raise VoteNotAllowed("not_published", _l("Only published ideas can be supported."))
    settings, category_closed = _rules(idea, settings, closed_ids)
    _ensure_round_open(settings, category_closed)
    return settings


def ensure_can_withdraw(idea, settings=None, closed_ids=None):
    """While the round or the idea's category is closed the tally is frozen: no withdrawals."""
    settings, category_closed = _rules(idea, settings, closed_ids)
    _ensure_round_open(settings, category_closed)
    return settings


def _left(user, settings):
    if settings.max_per_user is None:
        return None
    return max(settings.max_per_user - queries.support_total(user.id), 0)


def maximum_reached(maximum):
    return _l(
        "You have used all your supports (maximum %(max)s). Withdraw one to support another idea.",
        max=maximum,
    )


def _current_count(idea):
    return _shown_count(idea, db.session.execute(_COUNT, {"idea_id": idea.id}).scalar_one())


def cast_vote(user, idea):
    """Support `idea` (an Idea or a SupportTarget) as `user`. Twice is a no-op (`changed` False)."""
    settings = ensure_can_support(user, idea)
    maximum = settings.max_per_user
    if maximum is not None:
        # The resident's row locked (PostgreSQL), their concurrent supports take turns and the
        # count below is exact; SQLite serialises writers anyway.
        db.session.execute(_LOCK_USER, {"user_id": user.id})
    count = tally.add(user.id, idea.id)
    if count is None:
        # Already supported. Not re-checked by reading the row: a concurrent withdrawal may
        # have removed it since, and this support then simply came first.
        return VoteResult(True, _current_count(idea), False, _left(user, settings))
    if maximum is not None and queries.support_total(user.id) > maximum:
        tally.remove(user.id, idea.id)
        raise VoteNotAllowed("maximum", maximum_reached(maximum))
    idea_supported.send(user, idea_id=idea.id)
    return VoteResult(True, _shown_count(idea, count), True, _left(user, settings))


def withdraw_vote(user, idea):
    """Withdraw `user`'s support of `idea`; withdrawing a support that does not exist is a no-op."""
    settings = ensure_can_withdraw(idea)
    count = tally.remove(user.id, idea.id)
    if count is None:
        return VoteResult(False, _current_count(idea), False, _left(user, settings))
    return VoteResult(False, _shown_count(idea, count), True, _left(user, settings))


def withdraw_all_supports(user):
    """Remove every support of `user` (an account being deleted), whatever the round's state;
    each idea's counter moves with its row. Returns how many were removed."""
    return tally.remove_all(user.id)


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
    """Set every drifting `support_count` to its number of rows; returns how many changed. The
    ideas are locked first and counted after: a support committed meanwhile is counted, and one
    still running adds itself to the repaired counter once this transaction commits."""
    drifting = [row.id for row in queries.counter_drift()]
    if not drifting:
        return 0
    rows_for_update(
        db.session.connection(), select(Idea.id).where(Idea.id.in_(drifting)).order_by(Idea.id)
    ).all()
    return db.session.execute(_REPAIR, {"ids": drifting}).rowcount
