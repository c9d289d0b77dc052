"""Comments, one level of replies, their supports and the per-idea tally."""

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db

STANCES = ("for", "against", "neutral")
# published: shown; pending: waits for a moderator (pre-moderation); hidden: by a moderator or the
# report threshold; deleted: by its author while it had replies (a placeholder keeps the thread);
# rejected: refused by a moderator under pre-moderation.
STATUSES = ("published", "pending", "hidden", "deleted", "rejected")


def _in(values):
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class Comment(db.Model):
    __tablename__ = "comments"
    is_comment = True  # tells the moderation queue's template this item is a comment
    id = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    parent_id = db.Column(db.Integer, db.ForeignKey("comments.id", ondelete="CASCADE"))
    author_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    body = db.Column(db.Text, nullable=False)
    language = db.Column(db.String(5))
    stance = db.Column(db.String(10))
    is_official = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    status = db.Column(db.String(10), nullable=False, default="published", server_default="published")
    support_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    reply_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    open_reports = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    edited_at = db.Column(db.DateTime)
    # The version a moderator saw: every decision is a conditional UPDATE on it.
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    author = db.relationship("User")
    idea = db.relationship("Idea")

    __table_args__ = (
        db.CheckConstraint(f"status IN {_in(STATUSES)}", name="status_known"),
        db.CheckConstraint(f"stance IS NULL OR stance IN {_in(STANCES)}", name="stance_known"),
        db.CheckConstraint("support_count >= 0", name="support_count_positive"),
        # A thread's pages, in each order, read from the index and stop after their comments.
        db.Index("ix_comments_thread_created", "idea_id", "parent_id", "created_at", "id"),
        db.Index("ix_comments_thread_support", "idea_id", "parent_id", "support_count", "id"),
        db.Index("ix_comments_arguments", "idea_id", "stance", "status", "support_count"),
        db.Index("ix_comments_parent", "parent_id", "created_at"),
        db.Index("ix_comments_author", "author_id", "created_at"),
    )

    @property
    def is_reply(self):
        return self.parent_id is not None

    @property
    def is_visible(self):
        return self.status == "published"


# Comments waiting for a moderator (reported, or pending under pre-moderation): the moderation
# queue counts and orders them from this partial index alone, however long the threads.
WAITING = db.or_(
    Comment.open_reports > db.literal_column("0"), Comment.status == db.literal_column("'pending'")
)
db.Index(
    "ix_comments_waiting", Comment.created_at, Comment.id, sqlite_where=WAITING, postgresql_where=WAITING
)


class CommentSupport(db.Model):
    __tablename__ = "comment_supports"

    comment_id = db.Column(db.Integer, db.ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (db.Index("ix_comment_supports_user", "user_id"),)


class CommentTally(db.Model):
    """Published comments of an idea by stance, kept by the comment services: the page shows the
    counts without counting a thread of any length."""

    __tablename__ = "comment_tallies"

    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    total = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    for_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    against_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    neutral_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
