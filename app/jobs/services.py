"""Job use cases: queue work with the change that asks for it, claim it, record how it ended."""

from datetime import timedelta

from sqlalchemy import delete, func, or_, select, update

from app.core.time import utcnow
from app.extensions import db
from app.jobs.models import Job

# The ids to hand to the worker once the transaction that queued them commits (app/jobs/queue.py).
PENDING_KEY = "agora_jobs"


def queue(name, payload, key=None):
    """Record the job `name` in this transaction; with a `key` already queued, nothing new."""
    if key is not None:
        existing = db.session.scalar(select(Job).where(Job.key == key))
        if existing is not None:
            return existing
    job = Job(name=name, key=key, payload=payload, status="pending", attempts=0, run_after=utcnow())
    db.session.add(job)
    db.session.flush()
    db.session.info.setdefault(PENDING_KEY, []).append(job.id)
    return job


def postpone(keys, until):
    """Pending jobs with these keys wait until `until` (work that may still be called off)."""
    if keys:
        db.session.execute(
            update(Job)
            .where(Job.key.in_(list(keys)), Job.status == "pending")
            .values(run_after=until)
            .execution_options(synchronize_session=False)
        )


def call_off(keys):
    """Delete the pending jobs with these keys; returns how many of those keys had already been
    taken by a worker (running or ended), whose work can no longer be called off."""
    keys = list(keys)
    if not keys:
        return 0
    taken = db.session.scalar(select(func.count(Job.id)).where(Job.key.in_(keys), Job.status != "pending"))
    db.session.execute(
        delete(Job)
        .where(Job.key.in_(keys), Job.status == "pending")
        .execution_options(synchronize_session=False)
    )
    return taken


def claim(job_id, now=None):
    """Take the job for this worker if it is due and nobody holds it; True when taken."""
    now = now or utcnow()
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "pending", Job.run_after <= now)
        .values(status="running", claimed_at=now, attempts=Job.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _still_held(job_id, attempt):
    # The claim's attempt number fences it: a job given back and claimed again by another worker
    # has a higher number, and the first worker's late ending then changes nothing.
    return (Job.id == job_id, Job.status == "running", Job.attempts == attempt)


def complete(job_id, attempt):
    """The job did its work; its payload (addresses, tokens) is not kept. False when this claim
    was given back meanwhile (its worker seemed dead): the caller must roll its work back."""
    result = db.session.execute(
        update(Job)
        .where(*_still_held(job_id, attempt))
        .values(status="done", finished_at=utcnow(), payload={})
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def record_failure(job, error, max_attempts, retry_seconds):
    """Try again later with a doubling delay, or mark the job failed after the last try.
    Returns the delay in seconds, or None when the job has failed for good."""
    job.last_error = f"{type(error).__name__}: {error}"[:2000]
    if job.attempts >= max_attempts:
        job.status = "failed"
        job.finished_at = utcnow()
        db.session.flush()
        return None
    delay = retry_seconds * 2 ** (job.attempts - 1)
    job.status = "pending"
    job.run_after = utcnow() + timedelta(seconds=delay)
    db.session.flush()
    return delay


def renew_leases(held, now=None):
    """A live worker renews the claims it holds ({job id: attempt}), so that only the jobs of a
    dead worker outlive their lease; returns how many were renewed."""
    now = now or utcnow()
    renewed = 0
    for job_id, attempt in held.items():
        renewed += db.session.execute(
            update(Job)
            .where(*_still_held(job_id, attempt))
            .values(claimed_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    db.session.flush()
    return renewed


def release_abandoned(lease_seconds, now=None):
    """Jobs whose worker died mid-job (no renewal for `lease_seconds`) go back to pending, due
    at once; returns their ids, for the caller to hand to the queue again."""
    now = now or utcnow()
    abandoned = db.session.scalars(
        select(Job.id).where(Job.status == "running", Job.claimed_at < now - timedelta(seconds=lease_seconds))
    ).all()
    if not abandoned:
        return []
    db.session.execute(
        update(Job)
        .where(Job.id.in_(abandoned), Job.status == "running")
        .values(status="pending", run_after=now)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return list(abandoned)


def retry_failed(job):
    """An admin asks for one more round of tries of a failed job."""
    if job.status != "failed":
        return False
    job.status = "pending"
    job.attempts = 0
    job.run_after = utcnow()
    job.finished_at = None
    db.session.flush()
    db.session.info.setdefault(PENDING_KEY, []).append(job.id)
    return True


def purge_finished(done_before, failed_before):
    """Delete jobs done before `done_before` and failed before `failed_before`; how many."""
    result = db.session.execute(
        delete(Job)
        .where(
            or_(
                (Job.status == "done") & (Job.finished_at < done_before),
                (Job.status == "failed") & (Job.finished_at < failed_before),
            )
        )
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount


def purge_finished_named(names, ended_before):
    """Delete the finished (done or failed) jobs of these names that ended before `ended_before`;
    how many. Pending and running jobs stay."""
    ended = func.coalesce(Job.finished_at, Job.created_at)
    finished = Job.status.in_(("done", "failed"))
    statement = delete(Job).where(finished, Job.name.in_(list(names)), ended < ended_before)
    return db.session.execute(statement.execution_options(synchronize_session=False)).rowcount
