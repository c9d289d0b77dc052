"""The Huey queue that carries job ids to the worker: SQLite in the instance folder by default,
Redis when HUEY_URL or REDIS_URL is set, run inline (immediate) in tests."""

from flask import current_app
from flask_sqlalchemy.session import Session
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from sqlalchemy import event

from app.jobs.services import PENDING_KEY
from app.jobs.worker import run_job, sweep


class JobQueue:
    """The app's Huey instance and its two tasks."""

    def __init__(self, app):
        self.huey = _make_huey(app.config)

        @self.huey.task(name="run_job")
        def run_job_task(job_id):
            with app.app_context():
                delay = run_job(job_id)
            if delay is not None and not self.huey.immediate:
                run_job_task.schedule((job_id,), delay=delay)

        @self.huey.periodic_task(crontab(minute="*"), name="sweep_jobs")
        def sweep_task():
            with app.app_context():
                overdue = sweep()
            for job_id in overdue:
                run_job_task(job_id)

        self.run_job = run_job_task
        self.sweep = sweep_task

    def enqueue(self, job_ids):
        for job_id in job_ids:
            self.run_job(job_id)


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
