"""Running one job as the worker does: claim it, run its handler, commit once, record failures;
and the worker's housekeeping: renewing the claims it holds, giving back those of dead workers."""

import threading

from flask import current_app

from app.extensions import db
from app.jobs import services
from app.jobs.models import Job
from app.jobs.queries import overdue_job_ids
from app.jobs.registry import HANDLERS

# The jobs this process is running, {job id: attempt}: their leases are renewed while they run.
_held = {}
_held_lock = threading.Lock()


def held_jobs():
    with _held_lock:
        return dict(_held)


def run_job(job_id):
    """Run the job if it is still due; returns the delay before its next try, if any.
    Running it twice does the work once: the second run finds it claimed or done, and a run
    whose claim was given back meanwhile (its worker seemed dead) rolls its work back."""
    if not services.claim(job_id):
        db.session.rollback()
        return None
    db.session.commit()
    job = db.session.get(Job, job_id)
    attempt = job.attempts
    with _held_lock:
        _held[job_id] = attempt
    try:
        return _run(job, attempt)
    finally:
        with _held_lock:
            _held.pop(job_id, None)


def _run(job, attempt):
    job_id, name = job.id, job.name
    try:
        HANDLERS[name](job.payload)
        if services.complete(job_id, attempt):
            db.session.commit()
        else:
            db.session.rollback()
            current_app.logger.warning(
                "Job %s (%s) was given to another worker; its work is undone", job_id, name
            )
        return None
    except Exception as error:  # any failure is recorded on the job and tried again later
        db.session.rollback()
        current_app.logger.warning("Job %s (%s) failed: %s", job_id, name, error)
        job = db.session.get(Job, job_id)
        if job is None or job.status != "running" or job.attempts != attempt:
            db.session.rollback()
            return None
        delay = services.record_failure(
            job, error, current_app.config["JOBS_MAX_ATTEMPTS"], current_app.config["JOBS_RETRY_SECONDS"]
        )
        db.session.commit()
        return delay


def release():
    """Renew this worker's claims, then give back the jobs of workers that stopped renewing
    theirs (killed mid-job); returns the ids given back, due at once."""
    services.renew_leases(held_jobs())
    released = services.release_abandoned(current_app.config["JOBS_LEASE_SECONDS"])
    db.session.commit()
    return released


def sweep():
    """Give back jobs of dead workers and return the ids of those to hand to the queue again:
    those given back and those waiting too long (their hand-over was lost)."""
    released = release()
    return sorted(set(released) | set(overdue_job_ids()))
