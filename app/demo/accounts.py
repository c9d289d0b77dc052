"""Demo accounts, one per role."""

from app.accounts import services
from app.accounts.models import User
from app.extensions import db

# Printed by `make run` and listed in the README: demo accounts are public by design.
DEMO_PASSWORD = "agora-demo-2026"  # noqa: S105
DEMO_ACCOUNTS = (
    ("citizen@agora.local", "Salma (citoyenne)", "citizen"),
    ("moderator@agora.local", "Youssef (modérateur)", "moderator"),
    ("facilitator@agora.local", "Nadia (facilitatrice)", "facilitator"),
    ("admin@agora.local", "Admin Agora", "admin"),
)


def seed_demo_accounts():
    """Create the missing demo accounts; returns the emails created."""
    created = []
    for email, name, role in DEMO_ACCOUNTS:
        if services.find_by_email(email) is None:
            services.create_user(email, name, DEMO_PASSWORD, "fr", role, verified=True)
            created.append(email)
    return created


def demo_already_seeded():
    return db.session.execute(db.select(User.id).where(User.email == DEMO_ACCOUNTS[0][0])).first() is not None
