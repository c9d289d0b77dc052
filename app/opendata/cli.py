"""`flask open-data snapshot`: write a dated snapshot of every dataset."""

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from app.opendata.snapshots import SnapshotExists, write_snapshot

open_data_cli = AppGroup("open-data", help="Open-data snapshots.")


@open_data_cli.command("snapshot")
def snapshot():
    """Write a dated, immutable ZIP of every dataset and its datapackage.json."""
    try:
        # The descriptor's titles and field meanings, in English.
        with force_locale("en"):
            path = write_snapshot()
    except SnapshotExists as error:
        raise click.ClickException(f"A snapshot of this second exists already: {error}") from error
    click.echo(f"Snapshot written: {path} ({path.stat().st_size:,} bytes)")
