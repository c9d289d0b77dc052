"""Corrections authors propose to their published ideas, and the moderators' decision on them.
Like every use case here, they flush and never commit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, update

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IDEAS
from app.ideas.models import Category, Idea
from app.moderation.models import REJECT_REASONS, IdeaEdit
from app.moderation.queries import pending_edit
from app.moderation.services import AlreadyDecided, Decision, ModerationError, log_action
from app.notifications.services import notify

EDITED_FIELDS = ("title", "description", "category_id")


def edit_changes(edit):
    """{field: (value now, proposed value)} for the fields the correction changes."""
    idea = edit.idea
    return {
        name: (getattr(idea, name), getattr(edit, name))
        for name in EDITED_FIELDS
        if getattr(idea, name) != getattr(edit, name)
    }


def propose_edit(idea, author, title, description, category):
    """Record the author's correction to their published idea; the public idea does not change
    until a moderator approves it. A second proposal replaces the one still waiting."""
    if author is None or idea.author_id != author.id or not IDEAS.can(idea, "propose_edit"):
        raise ModerationError(_l("Only the author of a published idea can propose a correction to it."))
    if author.is_blocked:
        raise ModerationError(_l("Your account is blocked: you can no longer change ideas."))
    if category is None:
        raise ModerationError(_l("Choose a category from the list."))
    title, description = (title or "").strip(), (description or "").strip()
    if (title, description, category.id) == (idea.title, idea.description, idea.category_id):
        raise ModerationError(_l("Nothing to send: the correction is the same as the published idea."))
    edit = pending_edit(idea.id)
    if edit is None:
        edit = IdeaEdit(idea_id=idea.id, author_id=author.id)
        db.session.add(edit)
    edit.title, edit.description, edit.category_id = title, description, category.id
    db.session.flush()
    return edit


def _close(edit, moderator, status, **values):
    """Decide the correction only if it is still waiting (the second moderator changes nothing)."""
    result = db.session.execute(
        update(IdeaEdit)
        .where(IdeaEdit.id == edit.id, IdeaEdit.status == "pending")
        .values(status=status, decided_by_id=moderator.id, decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(edit)
    if result.rowcount != 1:
        decider = db.session.get(User, edit.decided_by_id) if edit.decided_by_id else None
        raise AlreadyDecided(decider.display_name if decider else None)


def approve_edit(edit, moderator):
    """Apply the correction to the published idea; the audit log keeps the values before and after."""
    idea = edit.idea
    if not IDEAS.can(idea, "approve_edit"):
        raise ModerationError(_l("The idea is no longer published; reject the correction instead."))
    if db.session.get(Category, edit.category_id) is None:
        raise ModerationError(_l("Choose a category from the list."))
    changes = edit_changes(edit)
    _close(edit, moderator, "approved")
    if changes:
        result = db.session.execute(
            update(Idea)
            .where(Idea.id == idea.id, Idea.status.in_(IDEAS.sources("approve_edit")))
            .values(updated_at=utcnow(), **{name: new for name, (_old, new) in changes.items()})
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise AlreadyDecided()
        db.session.refresh(idea)
    log_action(
        moderator,
        "approve_edit",
        idea,
        before={name: old for name, (old, _new) in changes.items()},
        after={name: new for name, (_old, new) in changes.items()},
    )
    return Decision(idea, notify([edit.author], "edit_approved", idea.id, title=idea.title))


def reject_edit(edit, moderator, reason, message=None):
    """Discard the correction with a reason (and an optional message) that reaches the author."""
    if reason not in REJECT_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    message = (message or "").strip()
    _close(edit, moderator, "rejected", reason=reason, message=message or None)
    log_action(
        moderator,
        "reject_edit",
        edit.idea,
        reason=reason,
        message=message or None,
        after={name: getattr(edit, name) for name in EDITED_FIELDS},
    )
    return Decision(
        edit.idea,
        notify(
            [edit.author],
            "edit_rejected",
            edit.idea_id,
            title=edit.idea.title,
            reason=reason,
            message=message,
        ),
    )


def drop_pending_edits(author_id):
    """Remove the corrections an author still has waiting (their account is being deleted)."""
    db.session.execute(delete(IdeaEdit).where(IdeaEdit.author_id == author_id, IdeaEdit.status == "pending"))
