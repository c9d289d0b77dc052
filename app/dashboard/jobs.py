"""Dashboard work done by the worker: recomputing the aggregate tables."""

from app.dashboard.aggregates import refresh_figures
from app.dashboard.services import REFRESH_JOB
from app.extensions import db
from app.jobs.registry import handler


@handler(REFRESH_JOB)
def refresh(_payload):
    refresh_figures(db.session.connection())
