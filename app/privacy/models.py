"""Which version of the privacy notice each resident accepted, and when."""

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db


class Consent(db.Model):
    __tablename__ = "privacy_consents"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    notice_version = db.Column(db.String(20), nullable=False)
    accepted_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (db.UniqueConstraint("user_id", "notice_version"),)
