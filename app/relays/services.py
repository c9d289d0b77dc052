"""Relays' use cases: grant the role, enter an idea or an in-person support for a resident,
hand ideas over to the resident's new account, forget a resident. They flush, never commit."""

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.core.time import utcnow
from app.extensions import db
from app.ideas import services as ideas_services
from app.ideas.lifecycle import IDEAS
from app.relays import audit
from app.relays.models import RELAY_CHANNELS, AssistedIdea, InPersonSupport, Relay
from app.relays.phones import normalise_phone
from app.relays.status import tell_resident

NAME_MAX = 80
NO_CONSENT = _l("The resident's agreement is required: nothing is recorded without it.")
ORGANISATION_MAX = 120


class RelayError(ValueError):
    """A relay's entry refused; `field` names the form field to blame, the message is safe to show."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Resident:
    """The resident a relay speaks for, as they agreed to be recorded."""

    name: str
    channel: str
    consent: bool
    phone: str | None = None
    email: str | None = None
    language: str = "fr"


def relay_of(user):
    """The user's relay role, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.relay_role


def grant_relay(admin, user, organisation, districts=()):
    """Make `user` a relay of `organisation` (for `districts`, or the whole city), or change it."""
    organisation = " ".join((organisation or "").split())
    if not organisation:
        raise RelayError(_l("Name the relay's organisation."), "organisation")
    if len(organisation) > ORGANISATION_MAX:
        raise RelayError(_l("The organisation's name is too long."), "organisation")
    if user.is_deleted or user.is_blocked:
        raise RelayError(_l("This account cannot become a relay."), "email")
    relay = db.session.get(Relay, user.id)
    action = "relay_changed" if relay else "relay_granted"
    if relay is None:
        relay = Relay(user_id=user.id)
        db.session.add(relay)
    relay.organisation = organisation
    relay.granted_by_id = admin.id
    relay.districts = list(districts)
    db.session.flush()
    audit.log(
        admin, action, target_user=user, organisation=organisation, districts=[d.slug for d in districts]
    )
    return relay


def revoke_relay(admin, user):
    """Take the relay role away; what they entered stays, under their organisation."""
    relay = db.session.get(Relay, user.id)
    if relay is None:
        return False
    db.session.delete(relay)
    db.session.flush()
    audit.log(admin, "relay_revoked", target_user=user)
    return True


def check_resident(name, channel, consent, phone=None, email=None, language="fr"):
    """A Resident from what a relay typed, or RelayError naming the field."""
    if not consent:
        raise RelayError(NO_CONSENT, "consent")
    name = " ".join((name or "").split())
    if not name:
        raise RelayError(_l("Give the resident's name or initials, as they wish it shown."), "resident_name")
    if len(name) > NAME_MAX:
        raise RelayError(_l("The name is longer than %(max)s characters.", max=NAME_MAX), "resident_name")
    if channel not in RELAY_CHANNELS:
        raise RelayError(_l("Choose how the idea reached you."), "channel")
    try:
        phone = normalise_phone(phone)
    except ValueError as error:
        raise RelayError(error.args[0], "phone") from None
    email = (email or "").strip() or None
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise RelayError(_l("This email address is not valid."), "email") from None
    if language not in ("fr", "ar", "en"):
        language = "fr"
    return Resident(name, channel, True, phone, email, language)


def place_of_form(relay, area, *, district=None, lat=None, lng=None, place_label=None):
    """Where a resident's idea is: the pin marked on the form, inside the city, the form's
    district (when known) and the relay's districts; or, when nothing was marked, the district
    and the words (approximate). RelayError or LocationRejected name the field to blame."""
    if lat is None or lng is None:
        if district is None:
            raise RelayError(_l("Choose a district, or give the code printed on the form."), "district")
        return ideas_services.locate(area, district=district, place_label=place_label)
    location = ideas_services.locate(area, lat, lng, place_label=place_label)
    if district is not None and location.district != district:
        raise RelayError(
            _l(
                "This point is outside the form's district: place it inside, or leave the "
                "coordinates empty and describe the place."
            ),
            "lat",
        )
    if not relay.covers(location.district):
        raise RelayError(_l("This point is outside your districts. Place the pin inside one of them."), "lat")
    return location


def submit_assisted_idea(relay, draft, resident, *, batch=None, premoderation=True, upload_dir=None):
    """Enter `draft` for `resident` through `relay`: the idea follows the normal path
    (moderation, map, supports) and remembers the relay's organisation and the consent."""
    if not resident.consent:
        raise RelayError(NO_CONSENT, "consent")
    if not relay.covers(draft.location.district):
        raise RelayError(_l("This district is not one of yours."), "district")
    idea = ideas_services.submit_idea(
        None, draft, language=resident.language, upload_dir=upload_dir, premoderation=premoderation
    )
    idea.channel = resident.channel
    now = utcnow()
    assisted = AssistedIdea(
        idea_id=idea.id,
        relay_id=relay.user_id,
        organisation=relay.organisation,
        resident_name=resident.name,
        phone=resident.phone,
        email=resident.email,
        language=resident.language,
        channel=resident.channel,
        batch_id=batch.id if batch is not None else None,
        consent_by=resident.name,
        consent_at=now,
        consent_scope="publish_contact" if resident.phone or resident.email else "publish",
    )
    db.session.add(assisted)
    db.session.flush()
    audit.log(
        relay.user,
        "assisted_idea",
        idea,
        channel=resident.channel,
        batch=batch.code if batch is not None else None,
        consent_scope=assisted.consent_scope,
        contact=bool(resident.phone or resident.email),
    )
    if idea.is_published:
        tell_resident(idea, "published")
    return idea


def record_support(relay, idea, name, channel, consent):
    """One support collected in person, with the person's consent; counted apart from online ones."""
    if not consent:
        raise RelayError(_l("The person's agreement is required: nothing is recorded without it."), "consent")
    if not IDEAS.can(idea, "support"):
        raise RelayError(_l("Only published ideas can be supported."))
    name = " ".join((name or "").split())
    if not name:
        raise RelayError(_l("Give the person's name or initials."), "supporter_name")
    if len(name) > NAME_MAX:
        raise RelayError(_l("The name is longer than %(max)s characters.", max=NAME_MAX), "supporter_name")
    if channel not in RELAY_CHANNELS:
        raise RelayError(_l("Choose how the support reached you."), "channel")
    support = InPersonSupport(
        idea_id=idea.id, relay_id=relay.user_id, supporter_name=name, channel=channel, consent_at=utcnow()
    )
    db.session.add(support)
    db.session.flush()
    audit.log(relay.user, "in_person_support", idea, channel=channel, support_id=support.id)
    return support


def claim_ideas(user):
    """Hand the ideas left under `user`'s (now verified) address to their account; how many."""
    if not user.email:
        return 0
    rows = db.session.scalars(
        select(AssistedIdea).where(
            func.lower(AssistedIdea.email) == user.email.lower(), AssistedIdea.claimed_by_id.is_(None)
        )
    ).all()
    for assisted in rows:
        if assisted.idea.author_id is None:
            assisted.idea.author_id = user.id
        assisted.claimed_by_id = user.id
        assisted.claimed_at = utcnow()
        audit.log(user, "idea_claimed", assisted.idea, target_user=user)
    db.session.flush()
    return len(rows)


def forget_resident(user_id):
    """Erase the personal data relays entered for ideas now held by `user_id` (their account
    is being deleted): name, phone and address go; the idea and the consent's date stay."""
    rows = db.session.scalars(select(AssistedIdea).where(AssistedIdea.claimed_by_id == user_id)).all()
    for assisted in rows:
        assisted.resident_name = "—"
        assisted.consent_by = "—"
        assisted.phone = None
        assisted.email = None
        audit.log(None, "resident_forgotten", assisted.idea)
    db.session.flush()
    return len(rows)


def forget_relay(user_id):
    """Take the relay role from an account being deleted; what it entered stays."""
    relay = db.session.get(Relay, user_id)
    if relay is not None:
        db.session.delete(relay)
        db.session.flush()
