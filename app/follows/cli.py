"""`flask follows digest`: send the daily or weekly digests now (a timer may run it)."""

import click
from flask.cli import AppGroup

from app.core.time import utcnow
from app.extensions import db
from app.follows.digests import recipients, send_digest

follows_cli = AppGroup("follows", help="Following: digests.")


@follows_cli.command("digest")
@click.option("--frequency", type=click.Choice(["daily", "weekly"]), default="weekly", show_default=True)
def digest(frequency):
    """Mail every resident on FREQUENCY what their followed ideas, districts, categories and
    events brought since their last digest."""
    now, sent = utcnow(), 0
    for user_id in recipients(frequency, now):
        sent += send_digest(user_id, frequency, now)
        db.session.commit()  # each digest with its "sent" mark: a failure later resends none
    click.echo(f"{frequency} digests sent: {sent}")
