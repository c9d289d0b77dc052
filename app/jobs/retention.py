"""The daily purge of the jobs table: finished jobs are kept a while for the admins, then go."""

from datetime import timedelta

from flask import current_app

from app.jobs.services import purge_finished


def purge_jobs(now):
    """Done jobs older than JOBS_KEEP_DAYS, failed ones older than JOBS_KEEP_FAILED_DAYS."""
    config = current_app.config
    return purge_finished(
        done_before=now - timedelta(days=config["JOBS_KEEP_DAYS"]),
        failed_before=now - timedelta(days=config["JOBS_KEEP_FAILED_DAYS"]),
    )
