"""`flask creathon create-event` and `flask creathon import FILE --event SLUG [--dry-run]`."""

import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from app.accounts.services import find_by_email
from app.creathon import importer, queries, services
from app.creathon.limits import Limits
from app.creathon.mapping import MappingError, check_mapping, find_header, guess_mapping
from app.creathon.models import EventKind
from app.creathon.readers import MAX_BYTES, ReadError, read_table
from app.extensions import db
from app.geometry.polygons import service_area

creathon_cli = click.Group("creathon", help="Créathon events and imports of their outcomes.")


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter("use the form YYYY-MM-DD") from error


@creathon_cli.command("create-event")
@click.argument("slug")
@click.option("--title", required=True)
@click.option("--date", "start_date", required=True, callback=_date, help="YYYY-MM-DD")
@click.option("--end-date", callback=_date, help="YYYY-MM-DD, for events over several days")
@click.option(
    "--kind", type=click.Choice([k.value for k in EventKind]), default="creathon", show_default=True
)
@click.option("--venue")
@click.option("--theme", type=click.Choice(["mobility", "public_space"]))
@click.option("--moderate", is_flag=True, help="Send imported outcomes to the moderation queue.")
@with_appcontext
def create_event(slug, title, start_date, end_date, kind, venue, theme, moderate):
    """Create the event SLUG."""
    with force_locale("en"):
        try:
            event = services.create_event(
                None,
                slug,
                kind=kind,
                title=title,
                start_date=start_date,
                end_date=end_date,
                venue=venue,
                theme=theme,
                publish_directly=not moderate,
            )
        except services.EventError as error:
            raise click.UsageError(str(error.message)) from error
    db.session.commit()
    click.echo(f"created event {event.slug}")


def _summary(result):
    counts = result.counts
    if result.has_errors:
        # Nothing is written when a row is in error, whatever the other rows would do.
        counts = {"create": 0, "update": 0, "unchanged": 0, "error": counts["error"]}
    return (
        f"created {counts['create']}, updated {counts['update']}, "
        f"unchanged {counts['unchanged']}, errors {counts['error']}"
    )


@creathon_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--event", "slug", required=True, help="Slug of the event the outcomes belong to.")
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change; write nothing.")
@click.option("--by", "by_email", help="Email of the facilitator recorded as having made the import.")
@with_appcontext
def import_file(file, slug, dry_run, by_email):
    """Import the outcomes in FILE (CSV, XLSX or JSON) into an event.

    Exit code 0 when imported, 1 when the file has errors (nothing written), 2 on wrong usage.
    """
    with force_locale("en"):
        _import(file, slug, dry_run, by_email)


def _import(file, slug, dry_run, by_email):
    event = queries.event_by_slug(slug)
    if event is None:
        raise click.UsageError(f"no event with the slug {slug!r}")
    user = None
    if by_email:
        user = find_by_email(by_email)
        if user is None or not services.can_manage(user, event):
            raise click.UsageError(f"{by_email} is not an account that may import into {slug!r}")
    if file.stat().st_size > MAX_BYTES:
        raise _fail([(None, "the file is larger than 10 MB")])
    data = file.read_bytes()
    try:
        table = find_header(read_table(data, file.name, Limits.from_config(current_app.config)))
        mapping = guess_mapping(table.header)
        check_mapping(mapping, table.header)
    except ReadError as error:
        raise _fail([(None, str(error.message))]) from error
    except MappingError as error:
        raise _fail([(None, str(m)) for m in error.messages]) from error
    with click.progressbar(length=len(table.rows), label="Importing", file=sys.stderr) as bar:
        if dry_run:
            result = importer.preview_rows(event, table.rows, mapping, area=service_area(current_app.config))
            bar.update(len(table.rows))
        else:
            result = _apply(event, table, mapping, data, file.name, bar, user)
    for row in result.rows:
        for message in row.errors:
            click.echo(f"line {row.line}: {message}", err=True)
    click.echo(_summary(result))
    if result.has_errors:
        raise click.exceptions.Exit(1)


def _apply(event, table, mapping, data, filename, bar, user):
    record = None
    try:
        record, result = importer.import_rows(
            event,
            table.rows,
            mapping,
            user=user,
            filename=filename,
            data=data,
            progress=bar.update,
            area=service_area(current_app.config),
        )
        db.session.commit()
    except importer.ImportRejected as rejected:
        db.session.rollback()
        return rejected.preview
    except Exception:
        db.session.rollback()
        importer.discard_file(record)
        raise
    return result


def _fail(messages):
    for line, message in messages:
        click.echo(f"line {line}: {message}" if line else f"error: {message}", err=True)
    click.echo("created 0, updated 0, unchanged 0, errors 1")
    return click.exceptions.Exit(1)
