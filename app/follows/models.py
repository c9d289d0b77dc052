"""What a resident follows, and how they want to hear about it."""

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db

TARGETS = ("idea", "district", "category", "event")
DIGESTS = ("daily", "weekly", "never")
TARGET_COLUMNS = ("idea_id", "district_id", "category_id", "event_id")


class Follow(db.Model):
    """One thing followed: exactly one of the four target columns is set."""

    __tablename__ = "follows"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"))
    district_id = db.Column(db.Integer, db.ForeignKey("districts.id", ondelete="CASCADE"))
    category_id = db.Column(db.Integer, db.ForeignKey("categories.id", ondelete="CASCADE"))
    event_id = db.Column(db.Integer, db.ForeignKey("creathon_events.id", ondelete="CASCADE"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (
        db.CheckConstraint(
            " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in TARGET_COLUMNS) + " = 1",
            name="one_target",
        ),
        db.UniqueConstraint("user_id", "idea_id"),
        db.UniqueConstraint("user_id", "district_id"),
        db.UniqueConstraint("user_id", "category_id"),
        db.UniqueConstraint("user_id", "event_id"),
        db.Index("ix_follows_idea", "idea_id"),
        db.Index("ix_follows_district", "district_id"),
        db.Index("ix_follows_category", "category_id"),
        db.Index("ix_follows_event", "event_id"),
    )


class FollowSettings(db.Model):
    """Per-person choices; a missing row means the defaults (weekly digest, immediate mail for
    replies and official answers, supporting follows)."""

    __tablename__ = "follow_settings"

    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    digest = db.Column(db.String(10), nullable=False, default="weekly", server_default="weekly")
    immediate = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())
    follow_supported = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())
    last_digest_at = db.Column(db.DateTime)

    __table_args__ = (db.CheckConstraint("digest IN ('daily', 'weekly', 'never')", name="digest_known"),)
