"""Créathon events, their outcomes (which become ideas), imports and outcome–idea links."""

import enum

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db


class EventKind(enum.StrEnum):
    CREATHON = "creathon"
    HACKATHON = "hackathon"
    WORKSHOP = "workshop"


class LinkRelation(enum.StrEnum):
    BUILDS_ON = "builds_on"
    SAME_AS = "same_as"
    ANSWERS = "answers"


class LinkState(enum.StrEnum):
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


event_facilitators = db.Table(
    "creathon_event_facilitators",
    db.Column(
        "event_id", db.Integer, db.ForeignKey("creathon_events.id", ondelete="CASCADE"), primary_key=True
    ),
    db.Column("user_id", db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Event(db.Model):
    __tablename__ = "creathon_events"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(80), nullable=False, unique=True)
    kind = db.Column(db.String(20), nullable=False, default=EventKind.CREATHON.value)
    title = db.Column(db.String(200), nullable=False)
    start_date = db.Column(db.Date, nullable=False)
    end_date = db.Column(db.Date)
    venue = db.Column(db.String(200))
    venue_lat = db.Column(db.Float)
    venue_lng = db.Column(db.Float)
    theme = db.Column(db.String(20))
    # One partner per line, in the order the organisers credit them.
    partners = db.Column(db.Text, nullable=False, default="", server_default="")
    description = db.Column(db.Text, nullable=False, default="", server_default="")
    # Imported outcomes are published at once, or wait in the moderation queue.
    publish_directly = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())
    # The open-data snapshot (its file name) the teams worked from; the event page links it.
    open_data_snapshot = db.Column(db.String(100))
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    facilitators = db.relationship("User", secondary=event_facilitators, order_by="User.display_name")
    outcomes = db.relationship("Outcome", back_populates="event", passive_deletes=True)

    __table_args__ = (
        db.CheckConstraint("kind IN ('creathon', 'hackathon', 'workshop')", name="kind_known"),
        db.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        db.CheckConstraint("(venue_lat IS NULL) = (venue_lng IS NULL)", name="venue_point_complete"),
    )

    @property
    def partner_list(self):
        return [line.strip() for line in (self.partners or "").splitlines() if line.strip()]


class Outcome(db.Model):
    __tablename__ = "creathon_outcomes"

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("creathon_events.id", ondelete="CASCADE"), nullable=False)
    idea_id = db.Column(
        db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    team = db.Column(db.String(200))
    rank = db.Column(db.Integer)
    external_id = db.Column(db.String(100))
    # The title in Arabic when the file gave one beside the title (Decidim's title/ar).
    title_ar = db.Column(db.String(160))
    # The city's answer as the file gave it (Decidim's answer/fr).
    answer = db.Column(db.Text)
    # "id:<identifier>" or "t:<normalised title>|<normalised team>": what a re-import matches on.
    match_key = db.Column(db.String(500), nullable=False)
    unplaced = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    event = db.relationship(Event, back_populates="outcomes")
    # The backref lets idea pages credit the team without the ideas feature importing this one.
    idea = db.relationship(
        "Idea", lazy="joined", backref=db.backref("creathon_outcome", uselist=False, lazy="select")
    )
    links = db.relationship("Link", back_populates="outcome", passive_deletes=True)

    __table_args__ = (
        db.UniqueConstraint("event_id", "match_key"),
        db.CheckConstraint("rank IS NULL OR rank >= 1", name="rank_positive"),
    )

    @property
    def approximate(self):
        return bool(self.idea and self.idea.approximate)


class ImportRecord(db.Model):
    __tablename__ = "creathon_imports"

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("creathon_events.id", ondelete="CASCADE"), nullable=False)
    filename = db.Column(db.String(255), nullable=False)
    sha256 = db.Column(db.String(64), nullable=False)
    size = db.Column(db.Integer, nullable=False)
    # Path of the original file under UPLOAD_DIR/imports/, for download.
    stored_name = db.Column(db.String(120), nullable=False, unique=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    created_count = db.Column(db.Integer, nullable=False, default=0)
    updated_count = db.Column(db.Integer, nullable=False, default=0)
    unchanged_count = db.Column(db.Integer, nullable=False, default=0)
    skipped_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    # Outcomes created published (True) or sent to the moderation queue (False).
    published = db.Column(db.Boolean)
    error_count = db.Column(db.Integer, nullable=False, default=0)
    # JSON list of {"line": n, "message": "..."}: errors, and notes on placement.
    errors = db.Column(db.Text, nullable=False, default="[]")

    event = db.relationship(Event)
    user = db.relationship("User")

    __table_args__ = (db.Index("ix_creathon_imports_event_created", "event_id", "created_at"),)


class Link(db.Model):
    __tablename__ = "creathon_links"

    id = db.Column(db.Integer, primary_key=True)
    outcome_id = db.Column(
        db.Integer, db.ForeignKey("creathon_outcomes.id", ondelete="CASCADE"), nullable=False
    )
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    relation = db.Column(db.String(20))
    state = db.Column(db.String(20), nullable=False, default=LinkState.CONFIRMED.value)
    score = db.Column(db.Float)
    created_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    outcome = db.relationship(Outcome, back_populates="links")
    idea = db.relationship("Idea")
    created_by = db.relationship("User")

    __table_args__ = (
        db.UniqueConstraint("outcome_id", "idea_id"),
        db.CheckConstraint("state IN ('confirmed', 'dismissed')", name="state_known"),
        db.CheckConstraint(
            "relation IS NULL OR relation IN ('builds_on', 'same_as', 'answers')", name="relation_known"
        ),
        db.CheckConstraint("state = 'dismissed' OR relation IS NOT NULL", name="confirmed_has_relation"),
        db.Index("ix_creathon_links_idea", "idea_id"),
    )
