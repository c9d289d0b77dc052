"""`flask districts import FILE`: load district boundaries from GeoJSON."""

import json

import click
from flask.cli import with_appcontext

from app.extensions import db
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
@with_appcontext
def import_command(
    file, name_fr, name_ar, name_en, slug_property, illustrative, no_reassign, population_property
):
    """Insert or update districts from a GeoJSON FeatureCollection, all or nothing."""
    try:
        with open(file, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{file} is not readable JSON: {error}") from None
    names = {"fr": name_fr, "ar": name_ar, "en": name_en}
    try:
        result = import_districts(
            document,
            names,
            slug_property,
            illustrative,
            reassign=not no_reassign,
            population_property=population_property,
        )
        db.session.commit()
    except DistrictImportError as error:
        db.session.rollback()
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(f"nothing imported: {len(error.problems)} problem(s) in {file}") from None
    click.echo(
        f"{len(result.created)} district(s) created, {len(result.updated)} updated, "
        f"{result.ideas_assigned} idea(s) given a new district."
    )
