"""A resident's support for an idea, and the settings of the supporting round."""

from sqlalchemy import event, func, text

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db


class Vote(db.Model):
    __tablename__ = "votes"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    # Always "online": a vote is an account's support. Supports collected in person are
    # app.relays' InPersonSupport rows, counted apart and never in support_count.
    channel = db.Column(db.String(20), nullable=False, default="online", server_default="online")

    idea = db.relationship("Idea")

    __table_args__ = (
        db.UniqueConstraint("user_id", "idea_id"),
        db.Index("ix_votes_idea", "idea_id"),
    )


class VoteSettings(db.Model):
    """The single row of round-wide settings; no row means open, without a maximum."""

    __tablename__ = "vote_settings"

    id = db.Column(db.Integer, primary_key=True)
    is_open = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())
    max_per_user = db.Column(db.Integer)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        db.CheckConstraint("id = 1", name="single_row"),
        db.CheckConstraint("max_per_user IS NULL OR max_per_user > 0", name="max_positive"),
    )


class ClosedCategory(db.Model):
    """A category whose ideas cannot be supported (or withdrawn) at the moment."""

    __tablename__ = "vote_closed_categories"

    category_id = db.Column(db.Integer, db.ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True)
    closed_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())


@event.listens_for(User, "before_delete")
def _release_supports_of_deleted_user(_mapper, connection, user):
    # The database deletes the user's votes by cascade; their counters must go down with them.
    connection.execute(
        text(
            "UPDATE ideas SET support_count = support_count - 1"
            " WHERE id IN (SELECT idea_id FROM votes WHERE user_id = :user_id)"
        ),
        {"user_id": user.id},
    )
