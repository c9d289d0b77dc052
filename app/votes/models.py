"""A resident's support for an idea."""
from sqlalchemy import func

from app.accounts.models import utcnow
from app.extensions import db


class Vote(db.Model):
    __tablename__ = "votes"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (
        db.UniqueConstraint("user_id", "idea_id"),
        db.Index("ix_votes_idea", "idea_id"),
    )
