"""Undoing a decision for a short while after it: the idea goes back exactly as it was."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.core.time import utcnow
from app.extensions import db
from app.ideas.models import Idea
from app.moderation.models import ModerationAction
from app.moderation.services import ModerationError, lock_ideas, log_action
from app.notifications.services import hold_mails, retract

UNDOABLE = ("approve", "reject", "request_changes")


def _when(value):
    return datetime.fromisoformat(value) if value else None


def undo_deadline(action, window_seconds):
    return action.created_at + timedelta(seconds=window_seconds)


def hold_notices(decision, window_seconds, now=None):
    """The author's emails wait for the end of the undo window, so that an undo takes them back
    before they leave."""
    if window_seconds > 0:
        hold_mails(decision.notifications, (now or utcnow()) + timedelta(seconds=window_seconds))


def undoable(action, moderator, window_seconds, now=None):
    """Whether `moderator` may still undo `action`: theirs, recent, and the idea's last action."""
    if action is None or action.action not in UNDOABLE or action.actor_id != moderator.id:
        return False
    if (now or utcnow()) > undo_deadline(action, window_seconds):
        return False
    last = db.session.scalar(
        select(ModerationAction.id)
        .where(ModerationAction.idea_id == action.idea_id)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )
    return last == action.id


def _put_back(action, moderator):
    """The idea of `action` as it was before it, its notices taken back and an `undo` logged;
    refused when the idea changed since. Returns (idea, emails that had already left)."""
    before, after = action.before or {}, action.after or {}
    result = db.session.execute(
        update(Idea)
        .where(
            Idea.id == action.idea_id,
            Idea.status == after.get("status"),
            Idea.updated_at == _when(after.get("updated_at")),
        )
        .values(
            status=before["status"],
            published_at=_when(before.get("published_at")),
            updated_at=_when(before["updated_at"]),
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ModerationError(_l("Something else happened to this idea since; the decision stays."))
    idea = db.session.get(Idea, action.idea_id)
    db.session.refresh(idea)
    already_sent = retract(after.get("notifications"))
    log_action(
        moderator,
        "undo",
        idea,
        before={"status": after.get("status")},
        after={"status": before["status"], "undoes": action.id, **_batch_field(action)},
    )
    return idea, already_sent


def _batch_field(action):
    mark = batch_mark(action)
    return {"batch": mark} if mark else {}


def undo_decision(action, moderator, window_seconds, now=None):
    """Put the idea back as it was before `action` (status, first publication, version) and take
    back the notices it sent. Returns (idea, emails that had already left)."""
    if action is None or action.action not in UNDOABLE:
        raise ModerationError(_l("This decision cannot be undone."))
    if action.actor_id != moderator.id:
        raise ModerationError(_l("Only the moderator who took a decision can undo it."))
    if batch_mark(action):
        raise ModerationError(_l("This decision was taken on several items at once: undo them together."))
    lock_ideas([action.idea_id])
    if (now or utcnow()) > undo_deadline(action, window_seconds):
        raise ModerationError(_l("It is too late to undo this decision."))
    if not undoable(action, moderator, window_seconds, now):
        raise ModerationError(_l("Something else happened to this idea since; the decision stays."))
    return _put_back(action, moderator)


def _as_left(action):
    """Whether the idea is still as `action` left it (an author's edit changes no log entry)."""
    after = action.after or {}
    db.session.refresh(action.idea)  # as it is now, under the lock
    return action.idea.status == after.get("status") and action.idea.updated_at == _when(
        after.get("updated_at")
    )


def batch_mark(action):
    return (action.after or {}).get("batch") if action is not None else None


def batch_actions(batch, moderator, now=None):
    """The decisions `moderator` took together under the mark `batch`, oldest first. Only the
    last day is searched: a batch is undone within minutes or never."""
    recent = db.session.scalars(
        select(ModerationAction)
        .where(
            ModerationAction.actor_id == moderator.id,
            ModerationAction.action.in_(UNDOABLE),
            ModerationAction.created_at >= (now or utcnow()) - timedelta(days=1),
        )
        .order_by(ModerationAction.id)
    )
    return [action for action in recent if batch_mark(action) == batch]


def batch_deadline(actions, window_seconds):
    return undo_deadline(min(actions, key=lambda a: a.created_at), window_seconds)


def batch_undoable(actions, moderator, window_seconds, now=None):
    """Whether the whole batch may still be undone: every decision in it is undoable."""
    return bool(actions) and all(undoable(a, moderator, window_seconds, now) for a in actions)


def undo_batch(actions, moderator, window_seconds, now=None):
    """Undo every decision of one bulk action, or none: all within the window of the first, and
    only while nothing else happened to any of the ideas since. Returns (ideas, emails that had
    already left)."""
    if not actions:
        raise ModerationError(_l("These decisions cannot be undone."))
    lock_ideas(a.idea_id for a in actions)
    if (now or utcnow()) > batch_deadline(actions, window_seconds):
        raise ModerationError(_l("It is too late to undo these decisions."))
    changed = [a.idea for a in actions if not undoable(a, moderator, window_seconds, now) or not _as_left(a)]
    if changed:
        # A plain string (built now, the titles not marked safe): the page escapes it once.
        raise ModerationError(
            _(
                "Something else happened since to %(titles)s; all the decisions stay.",
                titles=", ".join(f"“{idea.title}”" for idea in changed),
            )
        )
    ideas, already_sent = [], 0
    for action in actions:
        idea, sent = _put_back(action, moderator)
        ideas.append(idea)
        already_sent += sent
    return ideas, already_sent
