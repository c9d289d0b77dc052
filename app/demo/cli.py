"""`flask seed-demo`: demo content the first time, or N synthetic ideas with --ideas."""
import click

from app.creathon.demo import seed_demo_creathon
from app.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_already_seeded, seed_demo_accounts
from app.extensions import db
from app.ideas.demo import seed_demo_ideas
from app.votes.demo import seed_demo_votes
from app.moderation.demo import seed_demo_moderation


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the demo content is already there.")
def seed_demo(if_empty):
    """Create the demo accounts and illustrative content."""
    if if_empty and demo_already_seeded():
        click.echo("Demo content already present.")
        return
    created = seed_demo_accounts()
    db.session.commit()
    ideas_created = seed_demo_ideas()
    seed_demo_votes()
    db.session.commit()
    seed_demo_creathon()
    db.session.commit()
    # Last: the city's answers go to ideas the other features have seeded.
    seed_demo_moderation()
    db.session.commit()
    click.echo(f"Demo ideas: {ideas_created} created (districts are illustrative boundaries).")
    if created:
        click.echo(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email, _name, role in DEMO_ACCOUNTS:
            click.echo(f"  {role:<12} {email}")
    else:
        click.echo("Demo accounts already present.")
