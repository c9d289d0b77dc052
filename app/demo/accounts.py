"""Demo accounts, one per role, and a few residents whose supports make the demo city lively."""

from app.accounts import services
from app.accounts.models import User
from app.accounts.passwords import hash_password
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


# Residents who support ideas in the demo (they sign in with the same password).
DEMO_RESIDENTS = (
    ("amina@agora.local", "Amina B.", "fr"),
    ("karim@agora.local", "Karim E.", "fr"),
    ("fatima@agora.local", "فاطمة الزهراء", "ar"),
    ("yassine@agora.local", "Yassine M.", "fr"),
    ("sara@agora.local", "Sara L.", "en"),
    ("omar@agora.local", "عمر التازي", "ar"),
    ("hind@agora.local", "Hind R.", "fr"),
    ("mehdi@agora.local", "Mehdi A.", "fr"),
)


def seed_demo_residents():
    """Create the missing demo residents (one password hash for all); returns them all."""
    digest = None
    residents = []
    for email, name, language in DEMO_RESIDENTS:
        user = services.find_by_email(email)
        if user is None:
            digest = digest or hash_password(DEMO_PASSWORD)
            user = services.create_user(
                email, name, DEMO_PASSWORD, language, "citizen", verified=True, password_hash=digest
            )
        residents.append(user)
    return residents


def demo_already_seeded():
    return db.session.execute(db.select(User.id).where(User.email == DEMO_ACCOUNTS[0][0])).first() is not None
