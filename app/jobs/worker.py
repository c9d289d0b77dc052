"""Running one job as the worker does: claim it, run its handler, commit once, record failures."""

from flask import current_app

from app.extensions import db
from app.jobs import services
from app.jobs.models import Job
from app.jobs.queries import overdue_job_ids
from app.jobs.registry import HANDLERS


def run_job(job_id):
    """Run the job if it is still due; returns the delay before its next try, if any.
    Running it twice does the work once: the second run finds it claimed or done."""
    if not services.claim(job_id):
        db.session.rollback()
        return None
    db.session.commit()
    job = db.session.get(Job, job_id)
    try:
        HANDLERS[job.name](job.payload)
        services.complete(job)
        db.session.commit()
        return None
    except Exception as error:  # any failure is recorded on the job and tried again later
        db.session.rollback()
        current_app.logger.warning("Job %s (%s) failed: %s", job_id, job.name, error)
        job = db.session.get(Job, job_id)
        delay = services.record_failure(
            job, error, current_app.config["JOBS_MAX_ATTEMPTS"], current_app.config["JOBS_RETRY_SECONDS"]
        )
        db.session.commit()
        return delay


def sweep():
    """Give back jobs of dead workers and return the ids of those waiting too long."""
    services.release_abandoned(current_app.config["JOBS_LEASE_SECONDS"])
    db.session.commit()
    return overdue_job_ids()
