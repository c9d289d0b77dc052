"""Dashboard use cases: asking for fresh figures when they are too old."""

from datetime import timedelta

from app.core.time import utcnow
from app.dashboard.queries import state
from app.jobs.services import queue

REFRESH_JOB = "dashboard_refresh"


def refresh_if_stale(max_age_seconds, now=None):
    """Queue one refresh of the figures when they are older than `max_age_seconds` (or were
    never computed); True when a job was queued. Flushes, never commits."""
    now = now or utcnow()
    current = state()
    if current is not None and now - current.refreshed_at < timedelta(seconds=max_age_seconds):
        return False
    # One job per state of the figures: the visitors who find them old together ask once.
    key = f"{REFRESH_JOB}:{current.refreshed_at.isoformat() if current else 'first'}"
    job = queue(REFRESH_JOB, {}, key=key)
    return job.status == "pending"
