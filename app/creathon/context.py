"""What the créathon pages' templates get, and the créathon box on the idea page."""

import json

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


def home_partial(**_):
    """The home page's créathons: the next ones and the latest ones, or nothing when none."""
    today = utcnow().date()
    upcoming, recent = queries.upcoming_events(today), queries.recent_events(today)
    if not upcoming and not recent:
        return None
    return {"upcoming_events": upcoming, "recent_events": recent, "event_date": event_date}
