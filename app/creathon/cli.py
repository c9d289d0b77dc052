"""`flask creathon create-event` and `flask creathon import FILE --event SLUG [--dry-run]`."""

import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.services import find_by_email
from app.creathon import importer, queries, services
from app.creathon.limits import Limits
from app.creathon.mapping import MappingError, check_mapping, find_header, guess_mapping
from app.creathon.models import EventKind
from app.creathon.options import SKIP, ImportOptions
from app.creathon.readers import MAX_BYTES, ReadError, read_table
from app.creathon.summary import summarise
from app.extensions import db
from app.geometry.polygons import service_area

creathon_cli = click.Group("creathon", help="Créathon events and imports of their outcomes.")


# The language of the commands' messages; the machine line of `import` stays the same in all.
lang_option = click.option("--lang", type=click.Choice(["fr", "ar", "en"]), default="en", show_default=True)


def _date(value, hint):
    """A date from YYYY-MM-DD; parsed in the command so that the error is in the chosen language."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(_("use the form YYYY-MM-DD"), param_hint=hint) from error


@creathon_cli.command("create-event")
@click.argument("slug")
@click.option("--title", required=True)
@click.option("--date", "start_date", required=True, help="YYYY-MM-DD")
@click.option("--end-date", help="YYYY-MM-DD, for events over several days")
@click.option(
    "--kind", type=click.Choice([k.value for k in EventKind]), default="creathon", show_default=True
)
@click.option("--venue")
@click.option("--theme", type=click.Choice(["mobility", "public_space"]))
@click.option(
    "--publish/--moderate",
    default=None,
    help="Publish imported outcomes at once, or send them to the moderation queue "
    "(default: CREATHON_PUBLISH_IMPORTS).",
)
@lang_option
@with_appcontext
def create_event(slug, title, start_date, end_date, kind, venue, theme, publish, lang):
    """Create the event SLUG."""
    with force_locale(lang):
        _create_event(slug, title, start_date, end_date, kind, venue, theme, publish)


def _create_event(slug, title, start_date, end_date, kind, venue, theme, publish):
    try:
        event = services.create_event(
            None,
            slug,
            kind=kind,
            title=title,
            start_date=_date(start_date, "--date"),
            end_date=_date(end_date, "--end-date"),
            venue=venue,
            theme=theme,
            publish_directly=current_app.config["CREATHON_PUBLISH_IMPORTS"] if publish is None else publish,
        )
    except services.EventError as error:
        raise click.UsageError(str(error.message)) from error
    db.session.commit()
    click.echo(_("Event “%(slug)s” created.", slug=event.slug))


# The last line of `import`, for scripts: the same words in every language (README, Créathons).
RESULT_LINE = "result created={create} updated={update} unchanged={unchanged} skipped={skip} errors={error}"


def _final_counts(result):
    counts = result.counts
    if result.has_errors or getattr(result, "needs_decision", False):
        # Nothing is written when a row is in error, whatever the other rows would do.
        counts = {"create": 0, "update": 0, "unchanged": 0, "skip": 0, "error": counts["error"]}
    return counts


def _human_line(counts, dry_run, written):
    """The outcome of the command in a sentence, in the chosen language."""
    if not written:
        return _("Nothing was written.")
    numbers = {
        "created": counts["create"],
        "updated": counts["update"],
        "unchanged": counts["unchanged"],
        "skipped": counts["skip"],
    }
    if dry_run:
        return _(
            "Dry run, nothing was written. Would be created: %(created)s; updated: %(updated)s; "
            "unchanged: %(unchanged)s; not imported: %(skipped)s.",
            **numbers,
        )
    return _(
        "Import done. Created: %(created)s; updated: %(updated)s; unchanged: %(unchanged)s; "
        "not imported: %(skipped)s.",
        **numbers,
    )


def _echo_result(counts, dry_run=False, written=True):
    click.echo(_human_line(counts, dry_run, written))
    click.echo(RESULT_LINE.format(**counts))


def _echo_problem(line, message):
    if line:
        click.echo(_("line %(line)s: %(message)s", line=line, message=message), err=True)
    else:
        click.echo(_("error: %(message)s", message=message), err=True)


def _category_choice(value):
    """A category id or SKIP from a slug or "skip"."""
    if value == SKIP:
        return SKIP
    category = queries.category_by_slug(value)
    if category is None:
        raise click.UsageError(_("no category with the slug “%(slug)s”", slug=value))
    return category.id


def _options(event, default_category, category_pairs, duplicates, publish):
    mapped = {}
    for pair in category_pairs:
        value, sep, slug = pair.rpartition("=")
        if not sep or not value.strip():
            raise click.UsageError(_("--category takes VALUE=SLUG or VALUE=skip, not “%(pair)s”", pair=pair))
        mapped[value.strip()] = _category_choice(slug.strip())
    return ImportOptions(
        default_category=_category_choice(default_category) if default_category else None,
        category_map=mapped,
        duplicates=duplicates,
        publish=event.publish_directly if publish is None else publish,
    )


@creathon_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--event", "slug", required=True, help="Slug of the event the outcomes belong to.")
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change; write nothing.")
@click.option("--by", "by_email", help="Email of the facilitator recorded as having made the import.")
@click.option(
    "--default-category",
    metavar="SLUG|skip",
    help="Category of rows without a known one, or 'skip' not to import them (else they are errors).",
)
@click.option(
    "--category",
    "category_pairs",
    multiple=True,
    metavar="VALUE=SLUG|skip",
    help="File an unknown category value under a category, or skip its rows. Repeatable.",
)
@click.option(
    "--duplicates",
    type=click.Choice(["skip", "create"]),
    help="What to do with new rows that look like outcomes already imported (else the import stops).",
)
@click.option(
    "--publish/--moderate",
    default=None,
    help="Publish the new outcomes at once, or send them to the moderation queue (default: the event's).",
)
@lang_option
@with_appcontext
def import_file(file, slug, dry_run, by_email, default_category, category_pairs, duplicates, publish, lang):
    """Import the outcomes in FILE (CSV, XLSX, XLS or JSON) into an event.

    Prints the same summary as the web preview. Exit code 0 when imported, 1 when the file has
    errors or rows need a decision (nothing written), 2 on wrong usage.
    """
    with force_locale(lang):
        _import(file, slug, dry_run, by_email, default_category, category_pairs, duplicates, publish)


def _import(file, slug, dry_run, by_email, default_category, category_pairs, duplicates, publish):
    event = queries.event_by_slug(slug)
    if event is None:
        raise click.UsageError(_("no event with the slug “%(slug)s”", slug=slug))
    user = None
    if by_email:
        user = find_by_email(by_email)
        if user is None or not services.can_manage(user, event):
            raise click.UsageError(
                _("%(email)s is not an account that may import into “%(slug)s”", email=by_email, slug=slug)
            )
    options = _options(event, default_category, category_pairs, duplicates, publish)
    if file.stat().st_size > MAX_BYTES:
        raise _fail([(None, _("the file is larger than 10 MB"))])
    data = file.read_bytes()
    try:
        table = find_header(read_table(data, file.name, Limits.from_config(current_app.config)))
        mapping = guess_mapping(table.header)
        check_mapping(mapping, table.header)
    except ReadError as error:
        raise _fail([(None, str(error.message))]) from error
    except MappingError as error:
        raise _fail([(None, str(m)) for m in error.messages]) from error
    area = service_area(current_app.config)
    with click.progressbar(length=len(table.rows), label=_("Importing"), file=sys.stderr) as bar:
        if dry_run:
            result = importer.preview_rows(
                event, table.rows, mapping, header=table.header, area=area, options=options
            )
            bar.update(len(table.rows))
        else:
            result = _apply(event, table, mapping, data, file.name, bar, user, options)
    for row in result.rows:
        for message in row.errors:
            _echo_problem(row.line, message)
    for line in summarise(result).lines():
        click.echo(line)
    stopped = result.has_errors or result.needs_decision
    _echo_result(_final_counts(result), dry_run, written=not stopped)
    if stopped:
        raise click.exceptions.Exit(1)


def _apply(event, table, mapping, data, filename, bar, user, options):
    record = None
    try:
        record, result = importer.import_rows(
            event,
            table.rows,
            mapping,
            user=user,
            filename=filename,
            data=data,
            header=table.header,
            progress=bar.update,
            area=service_area(current_app.config),
            options=options,
        )
        db.session.commit()
    except (importer.ImportRejected, importer.DecisionNeeded) as stopped:
        db.session.rollback()
        return stopped.preview
    except Exception:
        db.session.rollback()
        importer.discard_file(record)
        raise
    return result


def _fail(messages):
    for line, message in messages:
        _echo_problem(line, message)
    _echo_result({"create": 0, "update": 0, "unchanged": 0, "skip": 0, "error": 1}, written=False)
    return click.exceptions.Exit(1)
