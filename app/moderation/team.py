"""A moderation team's shared work: who holds which queue item, and private notes on an item."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.accounts.models import User
from app.extensions import db
from app.moderation.models import Claim, Note
from app.moderation.services import ModerationError, lock_ideas

NOTE_LENGTH = 2000


class ClaimedByAnother(ModerationError):
    def __init__(self, name):
        self.name = name
        super().__init__(name)

    def __str__(self):
        # Written when shown, as plain text that the page escapes once.
        return _("%(name)s already took this item; ask them or take it over.", name=self.name)


def claim_of(idea_id):
    return db.session.get(Claim, idea_id)


def claim_item(idea, moderator, assignee=None, take_over=False):
    """Give the item to `assignee` (the moderator themself by default). An item held by another
    is taken over only when asked; two moderators claiming at once: one wins, the other is told."""
    assignee = assignee or moderator
    if not assignee.has_role("moderator") or assignee.is_blocked:
        raise ModerationError(_l("Items can only be given to a moderator."))
    # The idea's row is the item's lock: concurrent claims of it take turns here.
    lock_ideas([idea.id])
    current = db.session.get(Claim, idea.id, populate_existing=True)
    if current is not None and current.user_id not in (assignee.id, moderator.id) and not take_over:
        raise ClaimedByAnother(current.user.display_name)
    if current is None:
        current = Claim(idea_id=idea.id, user_id=assignee.id)
        db.session.add(current)
    current.user_id = assignee.id
    current.assigned_by_id = None if assignee.id == moderator.id else moderator.id
    db.session.flush()
    return current


def release_item(idea, moderator):
    """Give the item back to the team (whoever held it)."""
    removed = db.session.execute(
        delete(Claim).where(Claim.idea_id == idea.id).execution_options(synchronize_session=False)
    ).rowcount
    if not removed:
        raise ModerationError(_l("Nobody holds this item."))
    db.session.flush()


def add_note(idea, moderator, body):
    """A private note for the other moderators; the idea's author never sees it."""
    body = (body or "").strip()
    if not body:
        raise ModerationError(_l("Write the note first."))
    if len(body) > NOTE_LENGTH:
        raise ModerationError(_l("Keep it under 2,000 characters."))
    note = Note(idea_id=idea.id, author_id=moderator.id, body=body)
    db.session.add(note)
    db.session.flush()
    return note


def notes_on(idea_id):
    return db.session.scalars(
        select(Note).where(Note.idea_id == idea_id).order_by(Note.created_at, Note.id)
    ).all()


def staff_members():
    """Moderators and admins who can be given an item, by name."""
    return db.session.scalars(
        select(User)
        .where(User.role.in_(("moderator", "admin")), User.is_blocked.is_(False), User.deleted_at.is_(None))
        .order_by(User.display_name)
    ).all()


def claims_for(idea_ids):
    """{idea id: Claim} for a page of items, in one query."""
    if not idea_ids:
        return {}
    return {
        claim.idea_id: claim
        for claim in db.session.scalars(select(Claim).where(Claim.idea_id.in_(list(idea_ids))))
    }
