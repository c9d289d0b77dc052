"""Read-only questions about jobs: what is due, what failed, how many wait."""

from datetime import timedelta

from sqlalchemy import func, select

from app.core.time import utcnow
from app.extensions import db
from app.jobs.models import Job


def overdue_job_ids(grace_seconds=60, now=None, limit=10_000):
    """Pending jobs due for a while that no worker took: their hand-over was lost."""
    now = now or utcnow()
    stmt = (
        select(Job.id)
        .where(Job.status == "pending", Job.run_after <= now - timedelta(seconds=grace_seconds))
        .order_by(Job.id)
        .limit(limit)
    )
    return db.session.scalars(stmt).all()


def failed_jobs(limit=200):
    """Jobs that failed their last try, newest first."""
    return db.session.scalars(
        select(Job).where(Job.status == "failed").order_by(Job.finished_at.desc(), Job.id.desc()).limit(limit)
    ).all()


def job_counts():
    """Number of jobs in each status."""
    return dict(db.session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
