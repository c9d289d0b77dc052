"""Creating and editing events; who may manage an event or link its outcomes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from app.accounts.models import User
from app.creathon.models import Event, EventKind, event_facilitators
from app.creathon.text import slugify
from app.extensions import db

EVENT_FIELDS = (
    "kind",
    "title",
    "start_date",
    "end_date",
    "venue",
    "venue_lat",
    "venue_lng",
    "theme",
    "partners",
    "description",
    "publish_directly",
    "open_data_snapshot",
)


class EventError(Exception):
    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message, self.field = message, field


def _active(user):
    # Like posting an idea: only verified accounts that are not blocked.
    return user is not None and user.is_authenticated and user.is_verified and not user.is_blocked


def can_manage(user, event=None):
    """Admins manage every event; facilitators the ones they facilitate, or unassigned ones."""
    if not _active(user):
        return False
    if user.has_role("admin"):
        return True
    if not user.has_role("facilitator"):
        return False
    return event is None or not event.facilitators or user in event.facilitators


def can_link(user, event):
    """Facilitators of the event and moderators may link outcomes to ideas."""
    if not _active(user):
        return False
    return can_manage(user, event) or user.has_role("moderator")


def _check(values, event=None):
    if values.get("kind") not in {k.value for k in EventKind}:
        raise EventError(_l("Choose the kind of event."), "kind")
    end, start = values.get("end_date"), values.get("start_date")
    if start is None:
        raise EventError(_l("Enter the date of the event."), "start_date")
    if end is not None and end < start:
        raise EventError(_l("The end date cannot be before the start date."), "end_date")
    if (values.get("venue_lat") is None) != (values.get("venue_lng") is None):
        raise EventError(
            _l("Enter both the latitude and the longitude of the venue, or neither."), "venue_lat"
        )
    slug = values["slug"]
    clash = db.session.scalar(db.select(Event.id).where(Event.slug == slug))
    if clash is not None and (event is None or clash != event.id):
        raise EventError(_l("Another event already uses this address."), "slug")


def create_event(creator, slug=None, facilitators=(), **values):
    """A new event; its creator becomes one of its facilitators."""
    values["slug"] = slugify(slug or values.get("title", ""))
    if not values["slug"]:
        raise EventError(_l("Enter a short address made of letters, digits and dashes."), "slug")
    values.setdefault("kind", EventKind.CREATHON.value)
    _check(values)
    event = Event(slug=values.pop("slug"), created_by_id=creator.id if creator else None)
    _assign(event, values, facilitators, creator)
    db.session.add(event)
    db.session.flush()
    return event


def update_event(event, slug=None, facilitators=(), editor=None, **values):
    values["slug"] = slugify(slug or event.slug)
    _check(values, event)
    event.slug = values.pop("slug")
    _assign(event, values, facilitators, editor)
    db.session.flush()
    return event


def _assign(event, values, facilitators, user):
    for name in EVENT_FIELDS:
        if name in values:
            value = values[name]
            setattr(event, name, value.strip() if isinstance(value, str) else value)
    people = list(facilitators)
    if (
        user is not None
        and user.has_role("facilitator")
        and not user.has_role("admin")
        and user not in people
    ):
        people.append(user)
    event.facilitators = people


def users_by_ids(ids):
    if not ids:
        return []
    return db.session.scalars(db.select(User).where(User.id.in_(ids))).all()


def remove_facilitator(user_id):
    """Take a person off every event they facilitate (their account is being deleted)."""
    db.session.execute(delete(event_facilitators).where(event_facilitators.c.user_id == user_id))
