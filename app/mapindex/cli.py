"""`flask geo`: rebuild and verify the map's indexes (cell aggregates and search words)."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.ideas.search_index import verify_terms
from app.mapindex.aggregates import rebuild_map, verify_cells

geo_cli = AppGroup("geo", help="Map keys, cluster aggregates and search words.")


@geo_cli.command("rebuild-cells")
def rebuild_cells_command():
    """Recompute every idea's map key, every cell aggregate and the search-word index from the ideas."""
    cells, words = rebuild_map(db.session.connection())
    db.session.commit()
    click.echo(f"Map cells rebuilt: {cells} rows.")
    click.echo(f"Title words rebuilt: {words} rows.")


@geo_cli.command("verify-cells")
def verify_cells_command():
    """Compare the cell aggregates and search words with a fresh computation; exit 1 when they differ."""
    connection = db.session.connection()
    problems = verify_cells(connection)
    words = verify_terms(connection)
    db.session.rollback()
    for kind, row in problems:
        click.echo(f"{kind}: {row}")
    for idea_id, missing, extra in words:
        click.echo(f"search words of idea {idea_id}: missing {missing}, extra {extra}")
    if problems or words:
        raise SystemExit(1)
    click.echo("Map cells and search words are exact.")
