"""Jobs recorded in the database with the change that asks for them, so none is lost."""

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db


class Job(db.Model):
    """One piece of work for the worker. `key` makes queueing idempotent (one mail per
    notification); `status` moves pending → running → done, or to failed after the last try."""

    __tablename__ = "jobs"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(40), nullable=False)
    key = db.Column(db.String(200), unique=True)
    payload = db.Column(db.JSON, nullable=False, default=dict)
    status = db.Column(db.String(10), nullable=False, default="pending", server_default="pending")
    attempts = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    run_after = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    claimed_at = db.Column(db.DateTime)
    last_error = db.Column(db.Text)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    finished_at = db.Column(db.DateTime)

    __table_args__ = (db.Index("ix_jobs_status_run_after", "status", "run_after"),)
