"""The relays' audit log: one append-only row per thing done with relays' data."""

from app.extensions import db
from app.relays.models import RelayAuditEntry


def log(actor, action, idea=None, target_user=None, **details):
    """Append one entry; `details` never carries a phone number or an address."""
    entry = RelayAuditEntry(
        actor_id=actor.id if actor is not None else None,
        action=action,
        idea_id=idea.id if idea is not None else None,
        target_user_id=target_user.id if target_user is not None else None,
        details=details or None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry
