"""`flask seed-demo`: demo content the first time, or N synthetic ideas with --ideas."""

import click
from flask import current_app

from app.creathon.demo import seed_demo_creathon
from app.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    demo_already_seeded,
    seed_demo_accounts,
    seed_demo_residents,
)
from app.extensions import db
from app.ideas.demo import seed_demo_ideas
from app.moderation.demo import seed_demo_moderation
from app.projects.demo import seed_demo_projects
from app.relays.demo import seed_demo_relay
from app.votes.demo import seed_demo_votes


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the demo content is already there.")
@click.option("--ideas", type=click.IntRange(min=1), help="Add this many synthetic published ideas.")
@click.option("--seed", type=int, help="Random seed for --ideas, to repeat the same ideas.")
def seed_demo(if_empty, ideas, seed):
    """Create the demo accounts and illustrative content."""
    if ideas:
        _seed_synthetic_ideas(ideas, seed)
        return
    if if_empty and demo_already_seeded():
        click.echo("Demo content already present.")
        return
    created = seed_demo_accounts()
    residents = seed_demo_residents()
    db.session.commit()
    ideas_created = seed_demo_ideas()
    seed_demo_votes(residents=residents)
    db.session.commit()
    seed_demo_creathon()
    db.session.commit()
    # Last: the city's answers go to ideas the other features have seeded.
    seed_demo_moderation()
    db.session.commit()
    # After the answers: projects link the ideas the city accepted or planned.
    seed_demo_projects()
    relay = seed_demo_relay(DEMO_PASSWORD)
    db.session.commit()
    click.echo(f"Demo ideas: {ideas_created} created (districts are illustrative boundaries).")
    if created:
        click.echo(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, _name, role in DEMO_ACCOUNTS:
            click.echo(f"  {role:<12} {email}")
        if relay:
            click.echo(f"  {'relay':<12} {relay}")
    else:
        click.echo("Demo accounts already present.")


def _seed_synthetic_ideas(count, seed):
    from app.demo.synthetic import refresh_statistics, seed_synthetic_ideas

    with click.progressbar(length=count, label="Synthetic ideas") as bar:
        seed_synthetic_ideas(count, current_app.config["SERVICE_AREA_BBOX"], seed=seed, on_batch=bar.update)
    db.session.commit()
    refresh_statistics(db.engine)
    click.echo(f"{count} synthetic published ideas added.")
