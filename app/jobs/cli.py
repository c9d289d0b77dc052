"""`flask jobs worker` runs the queue's consumer; `flask jobs run-due` runs waiting jobs here."""

import click
from flask import current_app
from flask.cli import with_appcontext
from huey.consumer import Consumer

from app.jobs.queries import failed_jobs, job_counts
from app.jobs.worker import run_job, sweep


@click.group("jobs")
def jobs_cli():
    """Background jobs: emails and notifications sent outside the request."""


@jobs_cli.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads running jobs.")
@with_appcontext
def worker(workers):
    """Run jobs as they arrive and the scheduled ones on time; renew the claims of the jobs
    running here, and give back those of dead workers."""
    queue = current_app.extensions["jobs"]
    stop = queue.start_housekeeping()
    try:
        Consumer(queue.huey, workers=workers, worker_type="thread", periodic=True).run()
    finally:
        stop.set()


@jobs_cli.command("run-due")
@with_appcontext
def run_due():
    """Run here every job that is due (those waiting over a minute), e.g. after an outage."""
    done = 0
    for job_id in sweep():
        run_job(job_id)
        done += 1
    click.echo(f"{done} jobs run")


@jobs_cli.command("status")
@with_appcontext
def status():
    """How many jobs wait, run, are done or failed; the failed ones with their last error."""
    counts = job_counts()
    for name in ("pending", "running", "done", "failed"):
        click.echo(f"{name}: {counts.get(name, 0)}")
    for job in failed_jobs():
        click.echo(f"  #{job.id} {job.name} after {job.attempts} tries: {job.last_error}")
