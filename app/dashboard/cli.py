"""`flask dashboard refresh`: recompute the dashboard's figures now."""

import click
from flask.cli import with_appcontext

from app.dashboard.aggregates import refresh_figures
from app.extensions import db


@click.group("dashboard")
def dashboard_cli():
    """The public dashboard."""


@dashboard_cli.command("refresh")
@with_appcontext
def refresh_command():
    """Recompute every dashboard aggregate from the ideas, supports and decisions."""
    refreshed_at, seconds = refresh_figures(db.session.connection())
    db.session.commit()
    click.echo(f"Dashboard figures recomputed in {seconds:.2f} s ({refreshed_at.isoformat()}Z).")
