"""What the créathon pages' templates get, and the créathon box on the idea page."""

import json

from flask import request
from flask_babel import get_locale

from app.core.dates import day
from app.core.time import utcnow
from app.creathon import queries


def event_date(value):
    return day(value)


def from_json(value):
    try:
        return json.loads(value or "[]")
    except ValueError:
        return []


def template_helpers():
    """For the creathon blueprint's own pages."""
    return {"event_date": event_date, "from_json": from_json}


def discussed_partial(idea, **_):
    """Links and, for an outcome's own idea, its event: for creathon/_discussed.html."""
    if idea is None or getattr(idea, "id", None) is None:
        return {"discussion": {"outcome": None, "links": []}}
    outcome = queries.outcome_of_idea(idea.id) if idea.source == "creathon" else None
    links = [] if outcome else queries.discussions_of_idea(idea.id)
    return {"discussion": {"outcome": outcome, "links": links}}


def card_title_partial(idea, listed=(), **_):
    """An outcome card's Arabic title for Arabic readers; the first card of a list loads those
    of every listed idea, so that a page of cards costs one query, not one per card."""
    if idea.source != "creathon" or str(get_locale()) != "ar":
        return None
    # Kept with the request: an app context, hence `g`, can span several requests.
    loaded = request.environ.setdefault("agora.outcomes_titled_in_arabic", {})
    if idea.id not in loaded:
        ids = {other.id for other in listed if other.source == "creathon"} | {idea.id}
        found = queries.outcomes_titled_in_arabic(ids)
        loaded.update({idea_id: found.get(idea_id) for idea_id in ids})
    outcome = loaded[idea.id]
    return {"outcome": outcome} if outcome else None


def home_partial(**_):
    """The home page's créathons: the next ones and the latest ones, or nothing when none."""
    today = utcnow().date()
    upcoming, recent = queries.upcoming_events(today), queries.recent_events(today)
    if not upcoming and not recent:
        return None
    return {"upcoming_events": upcoming, "recent_events": recent, "event_date": event_date}
