"""`flask users create|set-role`: account administration from the command line."""

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from app.accounts import services
from app.accounts.models import PERMISSIONS, ROLE_VALUES
from app.accounts.passwords import password_problem
from app.extensions import db

users_cli = AppGroup("users", help="Create accounts and change roles.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLE_VALUES), default="citizen", show_default=True)
@click.option("--password", required=True, help="At least 10 characters.")
@click.option("--name", "display_name", default=None, help="Display name (default: the email's local part).")
@click.option("--language", type=click.Choice(["fr", "ar", "en"]), default="fr", show_default=True)
@click.option("--verified", is_flag=True, help="Mark the email as verified.")
def create(email, role, password, display_name, language, verified):
    """Create an account."""
    # Messages on the command line are in English; there is no request to pick a language from.
    with force_locale("en"):
        _create(email, role, password, display_name, language, verified)


def _create(email, role, password, display_name, language, verified):
    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    problem = password_problem(password, email)
    if problem:
        raise click.BadParameter(problem, param_hint="--password")
    try:
        user = services.create_user(
            email, display_name or email.split("@")[0], password, language, role, verified
        )
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"created {user.email} ({user.role})")


@users_cli.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice(ROLE_VALUES))
def set_role(email, role):
    """Change the role of an existing account."""
    user = services.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no account for {email}")
    services.set_role(user, role)
    db.session.commit()
    click.echo(f"{user.email} is now {role}")


@users_cli.command("grant")
@click.argument("email")
@click.argument("permission", type=click.Choice(PERMISSIONS))
@click.option("--revoke", is_flag=True, help="Withdraw the permission instead.")
def grant(email, permission, revoke):
    """Grant a moderator a permission (manage_projects: create and run city projects)."""
    user = services.find_by_email(email)
    if user is None:
        raise click.ClickException(f"no account for {email}")
    try:
        services.grant_permission(user, permission, granted=not revoke)
    except services.AccountError as error:
        with force_locale("en"):
            raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"{user.email}: {permission} {'withdrawn' if revoke else 'granted'}")
