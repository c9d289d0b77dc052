"""What the relays' templates get, and the partials they put on the idea page, the menu and
the transparency page."""

from flask import g
from flask_babel import get_locale
from flask_login import current_user

from app.ideas.lifecycle import status_label
from app.ideas.models import CHANNELS
from app.relays import queries
from app.relays.forms import AUDIT_LABELS, CHANNEL_LABELS
from app.relays.phones import masked
from app.relays.services import relay_of


def template_helpers():
    return {
        "channel_labels": CHANNEL_LABELS,
        "masked_phone": masked,
        "status_label": status_label,
        "audit_labels": AUDIT_LABELS,
    }


def _facts(idea):
    # Both of the idea page's slots read them: one query per page.
    cache = g.setdefault("relay_facts", {})
    if idea.id not in cache:
        cache[idea.id] = queries.relay_facts(idea.id)
    return cache[idea.id]


def proposer_partial(idea, **_):
    """The resident's name, as they wished it shown, for an idea a relay entered (and no
    account has claimed yet: the page then names the account)."""
    facts = _facts(idea)
    return {"assisted": facts} if facts.organisation else None


def facts_partial(idea, **_):
    """Who helped ("proposed with the help of …") and the supports collected in person, apart."""
    facts = _facts(idea)
    relay = relay_of(current_user)
    if not facts.organisation and not facts.in_person and relay is None:
        return None
    return {
        "assisted": facts if facts.organisation else None,
        "in_person": facts.in_person,
        "may_record": relay is not None and idea.is_published,
        "channel_labels": CHANNEL_LABELS,
    }


def nav_partial(**_):
    """The relay desk for relays, the relays' admin for admins."""
    if not current_user.is_authenticated:
        return None
    is_relay, is_admin = relay_of(current_user) is not None, current_user.has_role("admin")
    return {"is_relay": is_relay, "is_admin": is_admin} if is_relay or is_admin else None


def channels_partial(**_):
    """Participation by channel and by district, for /transparency and the dashboard."""
    return {
        "channel_figures": queries.participation_by_channel(),
        "district_rows": queries.participation_by_district(str(get_locale())),
        "channels": CHANNELS,
        "channel_labels": CHANNEL_LABELS,
    }
