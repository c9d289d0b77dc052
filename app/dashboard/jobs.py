"""Dashboard work done by the worker: recomputing the aggregate tables."""

from app.dashboard.aggregates import refresh_figures
from app.dashboard.services import REFRESH_JOB
from app.extensions import db
from app.jobs.registry import handler


@handler(REFRESH_JOB)
def refresh(_payload):
    refresh_figures(db.session.connection())


def scheduled_refresh(_now):
    """Every ten minutes (app/__init__.py): the figures stay fresh for visitors who come after a
    quiet spell, and a refresh that failed is tried again."""
    refresh_figures(db.session.connection())
