"""What the relays do when moderation decides on an idea or an account's address is verified."""

from app.accounts.signals import email_verified
from app.moderation.signals import idea_decided
from app.relays.services import claim_ideas
from app.relays.status import tell_resident


@idea_decided.connect
def _tell_resident(idea, outcome, **params):
    tell_resident(idea, outcome, **params)


@email_verified.connect
def _claim_ideas(user, **_):
    claim_ideas(user)
