"""The Huey queue that carries job ids to the worker: SQLite in the instance folder by default,
Redis when HUEY_URL or REDIS_URL is set, run inline (immediate) in tests."""

import threading

from flask import current_app
from flask_sqlalchemy.session import Session
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.core.time import utcnow
from app.extensions import db
from app.jobs.queries import overdue_job_ids
from app.jobs.registry import SCHEDULE
from app.jobs.services import PENDING_KEY, queue
from app.jobs.worker import release, run_job

# A job whose run could not reach the database (restart, failover) is handed over again after this.
UNREACHABLE_RETRY_SECONDS = 5
# With the queue empty, a job due for this long was never handed over (its server died between
# the commit and the hand-over): a hand-over takes milliseconds.
LOST_HANDOVER_SECONDS = 10


class JobQueue:
    """The app's Huey instance, its tasks, and one periodic task per scheduled job."""

    def __init__(self, app):
        self.app = app
        self.huey = _make_huey(app.config)

        @self.huey.task(name="run_job")
        def run_job_task(job_id):
            try:
                with app.app_context():
                    delay = run_job(job_id)
            except DBAPIError:
                # The job is still in the table; without this it would wait for the sweep.
                if self.huey.immediate:
                    raise
                run_job_task.schedule((job_id,), delay=UNREACHABLE_RETRY_SECONDS)
                raise
            if delay is not None and not self.huey.immediate:
                run_job_task.schedule((job_id,), delay=delay)

        @self.huey.periodic_task(crontab(minute="*"), name="sweep_jobs")
        def sweep_task():
            self.hand_back()

        self.run_job = run_job_task
        self.sweep = sweep_task
        self.scheduled = {name: self._periodic(name, when) for name, (_function, when) in SCHEDULE.items()}

    def _periodic(self, name, when):
        def queue_scheduled():
            # Every worker's scheduler fires: the slot's key lets one job through.
            slot = utcnow().replace(second=0, microsecond=0)
            with self.app.app_context():
                try:
                    queue(name, {"now": slot.isoformat()}, key=f"schedule:{name}:{slot:%Y-%m-%dT%H:%M}")
                    db.session.commit()
                except IntegrityError:
                    db.session.rollback()

        # Tried again when the database was away at the slot's minute, rather than skip a day.
        periodic = self.huey.periodic_task(
            crontab(**when), retries=3, retry_delay=60, name=f"schedule:{name}"
        )
        return periodic(queue_scheduled)

    def enqueue(self, job_ids):
        for job_id in job_ids:
            self.run_job(job_id)

    def hand_back(self):
        """Renew this worker's claims; hand over again the jobs of dead workers and, when the
        queue is empty, every job due for a while (its hand-over was lost)."""
        with self.app.app_context():
            ids = release()
            if self.huey.pending_count() == 0:
                ids = sorted(set(ids) | set(overdue_job_ids(grace_seconds=LOST_HANDOVER_SECONDS)))
        self.enqueue(ids)
        return ids

    def keep_house(self, stop):
        """The worker's housekeeping thread: `hand_back` four times per lease, until `stop` is set,
        so that a killed worker's jobs run again within about a lease."""
        interval = max(0.5, self.app.config["JOBS_LEASE_SECONDS"] / 4)
        while not stop.wait(interval):
            try:
                self.hand_back()
            except Exception:  # the database or the queue is away: next round
                self.app.logger.exception("Job housekeeping failed")

    def start_housekeeping(self):
        stop = threading.Event()
        thread = threading.Thread(target=self.keep_house, args=(stop,), name="jobs-housekeeping", daemon=True)
        thread.start()
        return stop


def _make_huey(config):
    if config.get("JOBS_IMMEDIATE"):
        return MemoryHuey("agora", immediate=True, results=False)
    if config.get("HUEY_URL"):
        return RedisHuey("agora", url=config["HUEY_URL"], results=False)
    return SqliteHuey("agora", filename=str(config["INSTANCE_DIR"] / "jobs.db"), results=False)


def init_jobs(app):
    app.extensions["jobs"] = JobQueue(app)


@event.listens_for(Session, "after_commit")
def _hand_over_committed_jobs(session):
    if session.in_nested_transaction():  # a savepoint released: the transaction goes on
        return
    job_ids = session.info.pop(PENDING_KEY, None)
    if not job_ids:
        return
    try:
        current_app.extensions["jobs"].enqueue(job_ids)
    except Exception:  # the jobs are in the database: the worker's sweep finds them
        current_app.logger.exception("Could not hand jobs %s to the queue", job_ids[:10])


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back_jobs(session, previous):
    if not previous.nested:  # a savepoint's rollback leaves the rest of the transaction
        session.info.pop(PENDING_KEY, None)
