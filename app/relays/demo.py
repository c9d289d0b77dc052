"""Demo content of the relays: a relay of an arrondissement office, and a batch of paper forms."""

from sqlalchemy import select

from app.accounts import services as accounts
from app.accounts.models import User
from app.extensions import db
from app.ideas.models import District
from app.relays.batches import create_batch
from app.relays.models import Relay
from app.relays.services import grant_relay

DEMO_RELAY = ("relay@agora.local", "Khadija (relais)", "Arrondissement de Sidi Belyout")


def seed_demo_relay(password):
    """The demo relay (a resident's account holding the relay role, granted by the demo admin)
    and one batch of forms for the first district; returns the email when created."""
    email, name, organisation = DEMO_RELAY
    user = accounts.find_by_email(email)
    if user is not None and db.session.get(Relay, user.id) is not None:
        return None
    if user is None:
        user = accounts.create_user(email, name, password, "fr", "citizen", verified=True)
    admin = db.session.scalar(select(User).where(User.role == "admin").order_by(User.id))
    district = db.session.scalar(select(District).order_by(District.name_fr))
    grant_relay(admin or user, user, organisation, [])
    if district is not None:
        create_batch(user, district)
    return email
