"""On-site notifications and each person's choice about supporter updates."""

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    kind = db.Column(db.String(40), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"))
    # Text parameters (title, reason code, message…): the text is rendered in the reader's language.
    params = db.Column(db.JSON, nullable=False, default=dict)
    is_read = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    user = db.relationship("User")

    __table_args__ = (db.Index("ix_notifications_user_read", "user_id", "is_read", "created_at"),)


class NotificationSettings(db.Model):
    """Per-person preferences; a missing row means the defaults."""

    __tablename__ = "notification_settings"

    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    supporter_updates = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())
