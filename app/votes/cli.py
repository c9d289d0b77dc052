"""`flask votes verify [--repair]`: compare every idea's counter with its support rows."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.votes import queries, services

votes_cli = AppGroup("votes", help="Check and repair the support counters.")


@votes_cli.command("verify")
@click.option("--repair", is_flag=True, help="Set every drifting counter to its number of supports.")
def verify(repair):
    """Report ideas whose support_count differs from their rows (exit 1); --repair fixes them."""
    drift = queries.counter_drift()
    if not drift:
        click.echo("All support counters match their rows.")
        return
    for row in drift:
        click.echo(f"idea {row.id}: counter {row.support_count}, rows {row.actual} — {row.title}")
    if not repair:
        click.echo(f"{len(drift)} idea(s) drift; run `flask votes verify --repair` to fix them.", err=True)
        raise SystemExit(1)
    fixed = services.repair_counters()
    db.session.commit()
    click.echo(f"Repaired {fixed} counter(s).")
