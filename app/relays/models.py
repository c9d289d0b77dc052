"""Relays, the ideas and in-person supports they enter for residents, paper-form batches, and
the relays' audit log."""

from sqlalchemy import event, func

from app.core.time import utcnow
from app.extensions import db

# The channels a relay records (app.ideas.models.CHANNELS without "online").
RELAY_CHANNELS = ("in_person", "phone", "paper", "workshop")
_CHANNEL_CHECK = "channel IN ('in_person', 'phone', 'paper', 'workshop')"

relay_districts = db.Table(
    "relay_districts",
    db.Column("user_id", db.Integer, db.ForeignKey("relays.user_id", ondelete="CASCADE"), primary_key=True),
    db.Column("district_id", db.Integer, db.ForeignKey("districts.id", ondelete="CASCADE"), primary_key=True),
)


class Relay(db.Model):
    """The relay role of an account: granted by an admin, tied to an organisation and perhaps
    to districts (none: the whole city)."""

    __tablename__ = "relays"

    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    organisation = db.Column(db.String(120), nullable=False)
    granted_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    granted_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    # Loaded with every account (one outer join, no query of its own): the menu asks on each page.
    user = db.relationship(
        "User", foreign_keys=[user_id], backref=db.backref("relay_role", uselist=False, lazy="joined")
    )
    districts = db.relationship("District", secondary=relay_districts, order_by="District.name_fr")

    def covers(self, district):
        return not self.districts or (district is not None and district in self.districts)


class PaperBatch(db.Model):
    """A printed set of paper forms for one district; its short code is on every sheet."""

    __tablename__ = "paper_batches"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), nullable=False, unique=True)
    district_id = db.Column(db.Integer, db.ForeignKey("districts.id", ondelete="CASCADE"), nullable=False)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    district = db.relationship("District")


class AssistedIdea(db.Model):
    """An idea a relay entered for a resident: who the resident is (as they wish to be shown),
    how to tell them the outcome, the channel, and their recorded consent."""

    __tablename__ = "assisted_ideas"

    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    relay_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    organisation = db.Column(db.String(120), nullable=False)
    resident_name = db.Column(db.String(80), nullable=False)
    # E.164 ("+212612345678"); never shown publicly, in open data or the API.
    phone = db.Column(db.String(20))
    email = db.Column(db.String(254))
    language = db.Column(db.String(5), nullable=False, default="fr")
    channel = db.Column(db.String(20), nullable=False)
    batch_id = db.Column(db.Integer, db.ForeignKey("paper_batches.id", ondelete="SET NULL"))
    # Consent: who gave it, when, and for what ("publish", "publish_contact").
    consent_by = db.Column(db.String(80), nullable=False)
    consent_at = db.Column(db.DateTime, nullable=False)
    consent_scope = db.Column(db.String(20), nullable=False)
    claimed_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    claimed_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    idea = db.relationship("Idea", backref=db.backref("assisted", uselist=False, passive_deletes=True))
    relay = db.relationship("User", foreign_keys=[relay_id])
    batch = db.relationship(PaperBatch)

    __table_args__ = (
        db.CheckConstraint(_CHANNEL_CHECK, name="assisted_channel_known"),
        db.CheckConstraint("consent_scope IN ('publish', 'publish_contact')", name="consent_scope_known"),
        db.Index("ix_assisted_ideas_relay", "relay_id", "created_at"),
        db.Index("ix_assisted_ideas_email", "email"),
    )


class InPersonSupport(db.Model):
    """A support a relay collected from a person, with their consent. Counted apart from the
    online supports (one account, one support) and never added to `ideas.support_count`."""

    __tablename__ = "in_person_supports"

    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    relay_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    supporter_name = db.Column(db.String(80), nullable=False)
    channel = db.Column(db.String(20), nullable=False)
    consent_at = db.Column(db.DateTime, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (
        db.CheckConstraint(_CHANNEL_CHECK, name="support_channel_known"),
        db.Index("ix_in_person_supports_idea", "idea_id"),
    )


class RelayAuditEntry(db.Model):
    """One thing done with relays' data, append-only: who, what, on which idea or account."""

    __tablename__ = "relay_audit"

    id = db.Column(db.Integer, primary_key=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    action = db.Column(db.String(30), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="SET NULL"))
    target_user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    details = db.Column(db.JSON)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    actor = db.relationship("User", foreign_keys=[actor_id])

    __table_args__ = (db.Index("ix_relay_audit_created", "created_at"),)


@event.listens_for(RelayAuditEntry, "before_update")
@event.listens_for(RelayAuditEntry, "before_delete")
def _append_only(_mapper, _connection, _target):
    raise PermissionError("the relays' audit log is append-only")
