"""`flask backup FILE` and `flask restore FILE [--migrate]`."""

import click
from flask.cli import with_appcontext

from app.operations.backup import BackupError
from app.operations.backup import backup as make_backup
from app.operations.backup import restore as restore_backup


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@with_appcontext
def backup(target):
    """Write the database and the uploads to one archive (tar.gz), with the schema revision."""
    try:
        manifest = make_backup(target)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"{target}: {manifest['database']} database at revision {manifest['revision']}, "
        f"{manifest['uploads']} uploaded files"
    )


@click.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.option("--migrate", is_flag=True, help="Accept an archive of an older schema and upgrade it.")
@with_appcontext
def restore(source, migrate):
    """Replace the database and the uploads with those of a backup archive."""
    try:
        manifest = restore_backup(source, migrate=migrate)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored {source} (revision {manifest['revision']}, {manifest['uploads']} uploaded files)")
