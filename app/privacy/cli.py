"""`flask purge-expired`: the retention settings applied, and what was purged."""

import click
from flask.cli import with_appcontext

from app.core.time import utcnow
from app.extensions import db
from app.privacy.retention import purge_expired


@click.command("purge-expired")
@with_appcontext
def purge_expired_command():
    """Delete what has outlived its retention setting (RETENTION_*); print what went."""
    counts = purge_expired(utcnow())
    db.session.commit()
    for kind, count in counts.items():
        click.echo(f"{kind}: {count}")
