"""`flask districts import FILE`: load district boundaries from GeoJSON."""

import json

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from app.extensions import db
from app.geometry.polygons import service_area
from app.ideas.districts import DistrictImportError, import_districts


@click.group("districts")
def districts_cli():
    """District boundaries."""


@districts_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--name-property", "name_fr", help="Property holding the French name (default name_fr, then name)."
)
@click.option("--name-property-ar", "name_ar", help="Property holding the Arabic name (default name_ar).")
@click.option("--name-property-en", "name_en", help="Property holding the English name (default name_en).")
@click.option("--slug-property", default="slug", show_default=True, help="Property holding the slug.")
@click.option("--illustrative", is_flag=True, help="Mark these boundaries as illustrative, not official.")
@click.option("--no-reassign", is_flag=True, help="Do not recompute the district of existing ideas.")
@click.option(
    "--population-property",
    help="Property holding the number of inhabitants (a whole number; features without it keep theirs).",
)
@click.option("--lang", type=click.Choice(["fr", "ar", "en"]), default="en", show_default=True)
@with_appcontext
def import_command(
    file, name_fr, name_ar, name_en, slug_property, illustrative, no_reassign, population_property, lang
):
    """Insert or update districts from a GeoJSON FeatureCollection, all or nothing.

    A boundary that crosses itself (or is otherwise invalid) refuses the whole file; one outside
    the service area or overlapping another district is imported with a warning."""
    with force_locale(lang):
        _import(
            file, name_fr, name_ar, name_en, slug_property, illustrative, no_reassign, population_property
        )


def _import(file, name_fr, name_ar, name_en, slug_property, illustrative, no_reassign, population_property):
    try:
        with open(file, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(
            _("%(file)s is not readable JSON: %(error)s", file=file, error=str(error))
        ) from None
    names = {"fr": name_fr, "ar": name_ar, "en": name_en}
    try:
        result = import_districts(
            document,
            names,
            slug_property,
            illustrative,
            reassign=not no_reassign,
            population_property=population_property,
            area=service_area(current_app.config),
        )
        db.session.commit()
    except DistrictImportError as error:
        db.session.rollback()
        for problem in error.problems:
            click.echo(_("error: %(problem)s", problem=str(problem)), err=True)
        raise click.ClickException(
            ngettext(
                "nothing imported: %(num)s problem in %(file)s",
                "nothing imported: %(num)s problems in %(file)s",
                len(error.problems),
                file=file,
            )
        ) from None
    for warning in result.warnings:
        click.echo(_("warning: %(problem)s", problem=str(warning)), err=True)
    click.echo(report(result, reassigned=not no_reassign))


def report(result, reassigned=True):
    """The summary line: districts created and updated, and the ideas that really changed."""
    parts = [
        ngettext("%(num)s district created", "%(num)s districts created", len(result.created)),
        ngettext("%(num)s district updated", "%(num)s districts updated", len(result.updated)),
    ]
    if reassigned:
        parts.append(
            ngettext(
                "%(num)s idea moved into these districts",
                "%(num)s ideas moved into these districts",
                result.ideas_moved_in,
            )
        )
        parts.append(
            ngettext(
                "%(num)s idea moved out of them",
                "%(num)s ideas moved out of them",
                result.ideas_moved_out,
            )
        )
        parts.append(
            ngettext(
                "%(num)s other idea whose district was out of date",
                "%(num)s other ideas whose district was out of date",
                result.ideas_corrected,
            )
        )
    lines = [", ".join(parts) + "."]
    for slug, (inside, gained, lost) in result.per_district.items():
        lines.append(
            ngettext(
                "%(slug)s: %(num)s idea inside (+%(gained)s, -%(lost)s).",
                "%(slug)s: %(num)s ideas inside (+%(gained)s, -%(lost)s).",
                inside,
                slug=slug,
                gained=gained,
                lost=lost,
            )
        )
    return "\n".join(lines)
