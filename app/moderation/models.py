"""Moderation records: the append-only audit log, reports and the city's public answers."""

from sqlalchemy import event, func
from sqlalchemy.exc import InvalidRequestError

from app.core.database import rows_for_update
from app.core.time import utcnow
from app.extensions import db
from app.ideas.models import Category, Idea

# Decisions on comments (app/moderation/comment_decisions.py); their rows carry `comment_id`.
COMMENT_ACTIONS = (
    "hide_comment",
    "restore_comment",
    "dismiss_comment_reports",
    "auto_hide_comment",
    "approve_comment",
    "reject_comment",
)
ACTIONS = (
    "approve",
    "reject",
    "request_changes",
    "hide",
    "restore",
    "merge",
    "correct",
    "block_user",
    "dismiss_reports",
    "auto_hide",
    "public_status",
    "approve_edit",
    "reject_edit",
    *COMMENT_ACTIONS,
    "undo",
)
REJECT_REASONS = (
    "off_topic",
    "duplicate",
    "offensive",
    "personal_data",
    "advertising",
    "outside_area",
    "not_municipal",
    "other",
)
HIDE_REASONS = ("spam", "offensive", "personal_data", "off_topic", "legal", "other")
REPORT_REASONS = ("spam", "offensive", "personal_data", "off_topic", "duplicate", "other")
REPORT_TARGETS = ("idea", "photo")
REPORT_STATUSES = ("open", "dismissed", "upheld")
EDIT_STATUSES = ("pending", "approved", "rejected")
ANSWER_LANGUAGES = ("fr", "ar", "en")
PUBLIC_STATUSES = ("under_study", "accepted", "planned", "in_progress", "done", "not_retained")


def _in(values):
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class ModerationAction(db.Model):
    """One decision, append-only: rows are never updated nor deleted (ORM events and triggers)."""

    __tablename__ = "moderation_actions"

    id = db.Column(db.Integer, primary_key=True)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"))  # None: automatic (report threshold)
    action = db.Column(db.String(30), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id"))
    target_user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    report_id = db.Column(db.Integer, db.ForeignKey("reports.id"))
    # No foreign key: an author may delete their comment, and this log is never updated.
    comment_id = db.Column(db.Integer, index=True)
    reason = db.Column(db.String(30))
    message = db.Column(db.Text)
    before = db.Column(db.JSON)
    after = db.Column(db.JSON)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    actor = db.relationship("User", foreign_keys=[actor_id])
    idea = db.relationship(Idea, foreign_keys=[idea_id])

    __table_args__ = (
        db.CheckConstraint(f"action IN {_in(ACTIONS)}", name="action_known"),
        db.Index("ix_moderation_actions_idea", "idea_id", "created_at"),
        db.Index("ix_moderation_actions_created", "created_at"),
    )


class Report(db.Model):
    __tablename__ = "reports"

    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    reporter_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    target = db.Column(db.String(10), nullable=False, default="idea")
    reason = db.Column(db.String(20), nullable=False)
    details = db.Column(db.Text)
    status = db.Column(db.String(10), nullable=False, default="open", server_default="open")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    reporter = db.relationship("User")

    __table_args__ = (
        db.UniqueConstraint("reporter_id", "idea_id"),
        db.CheckConstraint(f"reason IN {_in(REPORT_REASONS)}", name="reason_known"),
        db.CheckConstraint(f"target IN {_in(REPORT_TARGETS)}", name="target_known"),
        db.CheckConstraint(f"status IN {_in(REPORT_STATUSES)}", name="status_known"),
        db.Index("ix_reports_status_idea", "status", "idea_id"),
        db.Index("ix_reports_idea", "idea_id"),
    )


class PublicStatusEntry(db.Model):
    """One step of the city's public answer to an idea, shown as a timeline."""

    __tablename__ = "public_status_entries"

    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    status = db.Column(db.String(20), nullable=False)
    explanation = db.Column(db.Text, nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    # Who the public reads as the answer's signatory: the city or one of its departments
    # (labels.SIGNATURE_LABELS); None for answers given before signatures existed.
    signature = db.Column(db.String(30))
    # {language: text} for the languages the answer was written in; `explanation` is the first.
    translations = db.Column(db.JSON)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    author = db.relationship("User")

    __table_args__ = (
        db.CheckConstraint(f"status IN {_in(PUBLIC_STATUSES)}", name="status_known"),
        db.Index("ix_public_status_entries_idea", "idea_id", "created_at"),
    )

    def text_in(self, language):
        """(text, its language or None, whether it is another language than the one asked)."""
        translations = self.translations or {}
        if translations.get(language):
            return translations[language], language, False
        written = next((lang for lang in ANSWER_LANGUAGES if translations.get(lang)), None)
        return self.explanation, written, written is not None


class IdeaEdit(db.Model):
    """A correction an author proposes to their published idea; the public idea keeps its text
    until a moderator approves it. One pending proposal per idea: a new one replaces it."""

    __tablename__ = "idea_edits"
    is_correction = True  # tells the queue template this item is a correction, not an idea

    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    title = db.Column(db.String(160), nullable=False)
    description = db.Column(db.Text, nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey("categories.id"), nullable=False)
    status = db.Column(db.String(10), nullable=False, default="pending", server_default="pending")
    reason = db.Column(db.String(30))
    message = db.Column(db.Text)
    decided_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    decided_at = db.Column(db.DateTime)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    idea = db.relationship(Idea)
    author = db.relationship("User", foreign_keys=[author_id])
    decided_by = db.relationship("User", foreign_keys=[decided_by_id])
    category = db.relationship(Category)

    __table_args__ = (
        db.CheckConstraint(f"status IN {_in(EDIT_STATUSES)}", name="status_known"),
        db.Index("ix_idea_edits_status_created", "status", "created_at"),
        db.Index("ix_idea_edits_idea", "idea_id"),
    )


class Claim(db.Model):
    """The moderator an item of the queue is with (claimed, or assigned by a colleague); one per
    idea, so two moderators never hold the same item."""

    __tablename__ = "moderation_claims"

    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    assigned_by_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    claimed_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    user = db.relationship("User", foreign_keys=[user_id])

    __table_args__ = (db.Index("ix_moderation_claims_user", "user_id"),)


class Note(db.Model):
    """A private note between moderators about one idea; never shown to its author."""

    __tablename__ = "moderation_notes"

    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    body = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    author = db.relationship("User")

    __table_args__ = (db.Index("ix_moderation_notes_idea", "idea_id", "created_at"),)


class CustomText(db.Model):
    """An admin's wording of a rejection reason or a notification in one language; the built-in
    text applies where there is none."""

    __tablename__ = "moderation_texts"

    id = db.Column(db.Integer, primary_key=True)
    key = db.Column(db.String(60), nullable=False)
    language = db.Column(db.String(5), nullable=False)
    text = db.Column(db.Text, nullable=False)
    updated_by_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (db.UniqueConstraint("key", "language", name="uq_moderation_texts_key"),)


# Open reports per idea, kept by the reporting and moderation services: the queue counts and
# orders the reported ideas from this partial index alone (a few entries, however many ideas).
Idea.open_reports = db.Column(db.Integer, nullable=False, default=0, server_default="0")
REPORTED = Idea.open_reports > db.literal_column("0")  # literal: the index's own predicate
db.Index(
    "ix_ideas_reported",
    Idea.created_at,
    Idea.id,
    Idea.status,
    sqlite_where=REPORTED,
    postgresql_where=REPORTED,
)

# Lets the review page find published ideas near a point without scanning the table.
db.Index("ix_ideas_status_lat_lng", Idea.status, Idea.lat, Idea.lng)
# Latitude bands of about 550 m. A 300 m box covers two or three of them, so the index reads the
# ideas of those bands within the box's longitudes, rather than a band as wide as the city.
LAT_BANDS_PER_DEGREE = 200
LAT_BAND = db.cast(Idea.lat * db.literal_column(str(LAT_BANDS_PER_DEGREE)), db.Integer)
db.Index("ix_ideas_status_lat_band_lng", Idea.status, LAT_BAND, Idea.lng)
Idea.__table__.append_constraint(
    db.CheckConstraint(
        f"public_status IS NULL OR public_status IN {_in(PUBLIC_STATUSES)}", name="public_status_known"
    )
)


class AuditLogIsAppendOnly(InvalidRequestError):
    """Raised when code tries to change or remove a moderation action."""


@event.listens_for(ModerationAction, "before_update")
def _refuse_update(_mapper, _connection, target):
    raise AuditLogIsAppendOnly(f"moderation action {target.id} cannot be changed")


@event.listens_for(ModerationAction, "before_delete")
def _refuse_delete(_mapper, _connection, target):
    raise AuditLogIsAppendOnly(f"moderation action {target.id} cannot be deleted")


def recount_open_reports(connection, idea_id):
    """Set the idea's `open_reports` from its reports (after any write to them). The idea is
    locked first and counted after: a concurrent writer of its reports, which recounts under the
    same lock, has then committed, and its reports are counted too."""
    ideas, reports = Idea.__table__, Report.__table__
    rows_for_update(connection, db.select(ideas.c.id).where(ideas.c.id == idea_id))
    count = (
        db.select(func.count())
        .where(reports.c.idea_id == idea_id, reports.c.status == "open")
        .scalar_subquery()
    )
    connection.execute(ideas.update().where(ideas.c.id == idea_id).values(open_reports=count))


@event.listens_for(Report, "after_insert")
@event.listens_for(Report, "after_update")
@event.listens_for(Report, "after_delete")
def _recount_after_write(_mapper, connection, report):
    # Whoever writes a report through the ORM keeps the queue's count right; bulk statements
    # (closing an idea's reports) recount themselves.
    recount_open_reports(connection, report.idea_id)
