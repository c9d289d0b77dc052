"""Moderators' decisions, one function per verb. They flush and never commit; the view commits.

Every decision changes the idea with a conditional UPDATE on the version (`updated_at`) the
moderator saw, so two moderators never decide the same item twice."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.accounts import services as accounts
from app.comments import services as comments
from app.core.database import rows_for_update
from app.core.time import utcnow
from app.extensions import db
from app.follows import services as follows
from app.ideas.lifecycle import IDEAS, IdeaStatus
from app.ideas.models import Category, Idea
from app.jobs.services import queue
from app.moderation.models import HIDE_REASONS, REJECT_REASONS, ModerationAction, Report, recount_open_reports
from app.moderation.queries import last_decider_name, supporter_ids_to_notify
from app.moderation.signals import idea_decided
from app.notifications.services import notify, notify_later
from app.votes import tally


class ModerationError(Exception):
    """A decision refused; the message is safe to show the moderator."""


class AlreadyDecided(ModerationError):
    def __init__(self, by_name=None):
        self.by_name = by_name
        super().__init__(by_name)

    def __str__(self):
        # Written when shown, as plain text: the page escapes the name once (a lazy string
        # counts as markup, and an escaped name in it then showed as "&amp;").
        if self.by_name:
            return _("This item was already decided by %(name)s; nothing was changed.", name=self.by_name)
        return _("This item changed while you were looking at it; nothing was changed.")


@dataclass
class Decision:
    idea: Idea | None
    notifications: list = field(default_factory=list)
    action: ModerationAction | None = None  # the log entry, for the decisions that can be undone


def log_action(actor, action, idea=None, **fields):
    """Append one row to the audit log."""
    entry = ModerationAction(
        actor_id=actor.id if actor else None, action=action, idea_id=idea.id if idea else None, **fields
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def _transition(idea, version, verb, **values):
    """Apply `verb` (its target status and `values`) only if the idea still has a status the
    verb acts on and the version the moderator saw."""
    _apply(idea, version, IDEAS.sources(verb), **_target(verb), **values)


def _target(verb):
    target = IDEAS.target(verb)
    return {} if target is None else {"status": target}


def _apply(idea, version, allowed, **values):
    """Apply `values` only if the idea still has one of the `allowed` statuses and the version
    the moderator saw."""
    if version is None:
        raise AlreadyDecided(last_decider_name(idea.id))
    result = db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id, Idea.status.in_(allowed), Idea.updated_at == version)
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.refresh(idea)
        raise AlreadyDecided(last_decider_name(idea.id))
    db.session.refresh(idea)


def lock_ideas(ids):
    # A decision changing several ideas locks them all at once, in id order as every writer
    # does, before it moves any of them through the map cells: a concurrent change of one of
    # them (a report, its author's edit) then waits here instead of deadlocking with it.
    query = select(Idea.id).where(Idea.id.in_(sorted(set(ids)))).order_by(Idea.id)
    rows_for_update(db.session.connection(), query).all()


def _close_reports(idea, status):
    closed = db.session.execute(
        update(Report)
        .where(Report.idea_id == idea.id, Report.status == "open")
        .values(status=status)
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed:
        recount_open_reports(db.session.connection(), idea.id)
        set_committed_value(idea, "open_reports", 0)


def _tell_author_and_supporters(idea, author_kind, supporter_kind, **params):
    params = {"title": idea.title, **params}
    sent = notify([idea.author], author_kind, idea.id, **params)
    if supporter_kind:
        # However many supporters the idea has, the moderator does not wait for them.
        queue(
            "notify_supporters",
            {"idea_id": idea.id, "exclude_id": idea.author_id, "kind": supporter_kind, "params": params},
        )
        follows.announce_decision(idea, supporter_kind, params)
    return sent


def _undo_state(idea):
    """What an undo puts back: the idea's status, first publication and version."""
    return {
        "status": idea.status,
        "published_at": idea.published_at.isoformat() if idea.published_at else None,
        "updated_at": idea.updated_at.isoformat(),
    }


def _decided(idea, moderator, action, before, sent, batch=None, **fields):
    """Log an undoable decision: the state before it, the state after it and the notices it sent
    (an undo within the window retracts them). `batch` marks the decisions taken together in
    one bulk action, which are undone together."""
    after = {**_undo_state(idea), "notifications": [n.id for n in sent]}
    if batch:
        after["batch"] = batch
    entry = log_action(moderator, action, idea, before=before, after=after, **fields)
    return Decision(idea, sent, entry)


def approve_idea(idea, moderator, version, batch=None):
    """Publish a pending idea."""
    before = _undo_state(idea)
    _transition(idea, version, "approve", published_at=func.coalesce(Idea.published_at, utcnow()))
    sent = notify([idea.author], "idea_published", idea.id, title=idea.title)
    idea_decided.send(idea, outcome="published")
    return _decided(idea, moderator, "approve", before, sent, batch)


def reject_idea(idea, moderator, version, reason, message=None, batch=None):
    """Refuse a pending idea with a reason from the list and an optional message to the author."""
    if reason not in REJECT_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    before = _undo_state(idea)
    _transition(idea, version, "reject")
    message = (message or "").strip()
    sent = notify([idea.author], "idea_rejected", idea.id, title=idea.title, reason=reason, message=message)
    idea_decided.send(idea, outcome="rejected", reason=reason, message=message)
    return _decided(idea, moderator, "reject", before, sent, batch, reason=reason, message=message or None)


def request_changes(idea, moderator, version, message):
    """Send a pending idea back to its author, who edits and resubmits it."""
    if not (message or "").strip():
        raise ModerationError(_l("Tell the author what to change."))
    before = _undo_state(idea)
    _transition(idea, version, "request_changes")
    sent = notify([idea.author], "idea_changes_requested", idea.id, title=idea.title, message=message.strip())
    return _decided(idea, moderator, "request_changes", before, sent, message=message.strip())


def hide_idea(idea, moderator, version, reason, message=None):
    """Take a published idea off the site; its open reports are upheld."""
    if reason not in HIDE_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    _transition(idea, version, "hide")
    _close_reports(idea, "upheld")
    log_action(moderator, "hide", idea, reason=reason, message=message or None)
    return Decision(
        idea,
        _tell_author_and_supporters(
            idea, "idea_hidden", "supported_idea_hidden", reason=reason, message=message or ""
        ),
    )


def restore_idea(idea, moderator, version):
    """Publish a hidden idea again; its open reports are dismissed."""
    _transition(idea, version, "restore", published_at=func.coalesce(Idea.published_at, utcnow()))
    _close_reports(idea, "dismissed")
    log_action(moderator, "restore", idea)
    return Decision(idea, _tell_author_and_supporters(idea, "idea_restored", "supported_idea_restored"))


def merge_idea(idea, original, moderator, version):
    """Mark `idea` as a duplicate of `original`: supports move over, both counts stay exact."""
    if original is None or original.id == idea.id or not IDEAS.can(original, "merge_into"):
        raise ModerationError(_l("The original must be another published idea."))
    lock_ideas((idea.id, original.id))
    supporters = supporter_ids_to_notify(idea.id, exclude_id=idea.author_id)
    before = {
        "status": idea.status,
        "support_count": idea.support_count,
        "original_support_count": original.support_count,
    }
    _transition(idea, version, "merge", merged_into_id=original.id)
    tally.move_supports(idea.id, original.id)
    _close_reports(idea, "upheld")
    db.session.refresh(idea)
    db.session.refresh(original)
    log_action(
        moderator,
        "merge",
        idea,
        before=before,
        after={
            "status": idea.status,
            "merged_into_id": original.id,
            "original_support_count": original.support_count,
        },
    )
    params = {"title": idea.title, "target": original.title, "target_id": original.id}
    sent = notify([idea.author], "idea_merged", idea.id, **params)
    notify_later(supporters, "supported_idea_merged", original.id, **params)
    return Decision(idea, sent)


def correct_idea(idea, moderator, version, category_id=None, lat=None, lng=None, district_id=None):
    """Fix the category or the place of an idea; the log keeps the values before and after."""
    wanted = {"category_id": category_id, "lat": lat, "lng": lng, "district_id": district_id}
    changes = {k: v for k, v in wanted.items() if v is not None and getattr(idea, k) != v}
    if (lat is None) != (lng is None):
        raise ModerationError(_l("Give both the latitude and the longitude."))
    if category_id is not None and db.session.get(Category, category_id) is None:
        raise ModerationError(_l("Choose a category from the list."))
    if not changes:
        raise ModerationError(_l("Nothing to correct: the values are the same."))
    before = {k: getattr(idea, k) for k in changes}
    _transition(idea, version, "correct", **changes)
    log_action(moderator, "correct", idea, before=before, after=changes)
    return Decision(idea, notify([idea.author], "idea_corrected", idea.id, title=idea.title))


def block_user(user, moderator, reason, message=None):
    """Block an account: it can no longer post or support, and its waiting ideas and comments
    are hidden."""
    if reason not in HIDE_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    if user.id == moderator.id or user.has_role("moderator"):
        raise ModerationError(_l("Staff accounts cannot be blocked from the queue."))
    if user.is_blocked:
        raise ModerationError(_l("This account is already blocked."))
    waiting = db.session.scalars(
        select(Idea.id).where(
            Idea.author_id == user.id, Idea.status.in_(IDEAS.sources("hide_blocked_authors"))
        )
    ).all()
    if waiting:
        db.session.execute(
            update(Idea)
            .where(Idea.id.in_(waiting))
            .values(**_target("hide_blocked_authors"), updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    hidden_comments = comments.hide_waiting_comments(user.id)
    accounts.block(user)
    log_action(
        moderator,
        "block_user",
        target_user_id=user.id,
        reason=reason,
        message=message or None,
        after={"hidden_ideas": waiting, "hidden_comments": hidden_comments},
    )
    return Decision(None, notify([user], "account_blocked", None, reason=reason, message=message or ""))


def dismiss_reports(idea, moderator, version):
    """Close the open reports as unfounded; an idea hidden by the report threshold comes back."""
    open_reports = db.session.scalar(
        select(func.count(Report.id)).where(Report.idea_id == idea.id, Report.status == "open")
    )
    if not open_reports:
        raise ModerationError(_l("This idea has no open reports."))
    last = db.session.scalars(
        select(ModerationAction.action)
        .where(ModerationAction.idea_id == idea.id)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    ).first()
    if IDEAS.can(idea, "restore") and last == "auto_hide":
        _transition(idea, version, "restore")
    else:
        _apply(idea, version, (idea.status,))
    _close_reports(idea, "dismissed")
    log_action(moderator, "dismiss_reports", idea)
    sent = []
    if idea.status == IdeaStatus.PUBLISHED and last == "auto_hide":
        sent = _tell_author_and_supporters(idea, "idea_restored", None)
    return Decision(idea, sent)
