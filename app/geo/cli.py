"""`flask geo`: rebuild and verify the map cells."""
import click
from flask.cli import AppGroup

from app.extensions import db
from app.geo.aggregates import rebuild_cells, verify_cells

geo_cli = AppGroup("geo", help="Map keys and cluster aggregates.")


@geo_cli.command("rebuild-cells")
def rebuild_cells_command():
    """Recompute every idea's map key and every cell aggregate from the ideas."""
    rows = rebuild_cells(db.session.connection())
    db.session.commit()
    click.echo(f"Map cells rebuilt: {rows} rows.")


@geo_cli.command("verify-cells")
def verify_cells_command():
    """Compare the cell aggregates with a fresh computation; exit 1 when they differ."""
    problems = verify_cells(db.session.connection())
    db.session.rollback()
    if problems:
        for kind, row in problems:
            click.echo(f"{kind}: {row}")
        raise SystemExit(1)
    click.echo("Map cells are exact.")
