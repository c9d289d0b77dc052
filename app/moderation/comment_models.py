"""Reports on comments; their decisions go to the same audit log as ideas' (`comment_id`)."""

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db
from app.moderation.models import REPORT_REASONS, REPORT_STATUSES, _in


class CommentReport(db.Model):
    __tablename__ = "comment_reports"

    id = db.Column(db.Integer, primary_key=True)
    comment_id = db.Column(db.Integer, db.ForeignKey("comments.id", ondelete="CASCADE"), nullable=False)
    reporter_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    reason = db.Column(db.String(20), nullable=False)
    details = db.Column(db.Text)
    status = db.Column(db.String(10), nullable=False, default="open", server_default="open")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    reporter = db.relationship("User")

    __table_args__ = (
        db.UniqueConstraint("reporter_id", "comment_id"),
        db.CheckConstraint(f"reason IN {_in(REPORT_REASONS)}", name="reason_known"),
        db.CheckConstraint(f"status IN {_in(REPORT_STATUSES)}", name="status_known"),
        db.Index("ix_comment_reports_comment", "comment_id", "status"),
    )
