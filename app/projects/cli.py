"""`flask projects statuses|set-status`: the configurable list of project statuses."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.projects.models import STAGES, ProjectStatus
from app.projects.queries import statuses_in_order

projects_cli = AppGroup("projects", help="City projects: the list of statuses.")


@projects_cli.command("statuses")
def statuses():
    """List the statuses a project can have, in order."""
    for status in statuses_in_order():
        click.echo(
            f"{status.position:>4}  {status.slug:<16} {status.stage:<10} {status.name_fr} / {status.name_en}"
        )


@projects_cli.command("set-status")
@click.argument("slug")
@click.option("--fr", "name_fr", required=True, help="Name in French.")
@click.option("--ar", "name_ar", required=True, help="Name in Arabic.")
@click.option("--en", "name_en", required=True, help="Name in English.")
@click.option("--stage", type=click.Choice(STAGES), default="open", show_default=True)
@click.option("--position", type=int, default=100, show_default=True)
def set_status(slug, name_fr, name_ar, name_en, stage, position):
    """Add a status, or rename and move an existing one (its projects keep it)."""
    slug = slug.strip().lower()
    if not slug or len(slug) > 40 or not all(c.isalnum() or c in "-_" for c in slug):
        raise click.BadParameter("letters, digits, - and _ only, at most 40", param_hint="SLUG")
    status = db.session.scalar(select(ProjectStatus).where(ProjectStatus.slug == slug))
    if status is None:
        status = ProjectStatus(slug=slug)
        db.session.add(status)
    status.name_fr, status.name_ar, status.name_en = name_fr, name_ar, name_en
    status.stage, status.position = stage, position
    db.session.commit()
    click.echo(f"{slug}: {name_fr} / {name_ar} / {name_en} ({stage}, {position})")
