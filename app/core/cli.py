"""`flask mail-check EMAIL`: send a test message to check the mail settings."""

import click
from flask.cli import with_appcontext

from app.core.mail import send_mail


@click.command("mail-check")
@click.argument("email")
@click.option("--language", type=click.Choice(["fr", "ar", "en"]), default="fr", show_default=True)
@with_appcontext
def mail_check(email, language):
    """Send a short test message to EMAIL through the configured mail backend."""
    send_mail(email, "core/email/mail_check", language, name=email)
    click.echo(f"sent to {email}")
