"""A small city for open-data tests: published and unpublished ideas, a district, an event."""

import json
from datetime import date

import pytest

from app.creathon.models import Event, Link, Outcome
from app.ideas.models import District
from tests.factories import make_category, make_idea, make_user

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-7.63, 33.58], [-7.60, 33.58], [-7.60, 33.61], [-7.63, 33.61], [-7.63, 33.58]]],
}


@pytest.fixture
def city(db):
    district = District(
        slug="sidi-belyout",
        name_fr="Sidi Belyout",
        name_ar="سيدي بليوط",
        name_en="Sidi Belyout",
        geometry=json.dumps(SQUARE),
        min_lng=-7.63,
        min_lat=33.58,
        max_lng=-7.60,
        max_lat=33.61,
        center_lat=33.595,
        center_lng=-7.615,
    )
    db.session.add(district)
    category = make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    author = make_user(email="amina@example.org", name="Amina B.")
    shade = make_idea(
        author=author,
        category=category,
        title="ظل في الساحة",
        description='=HYPERLINK("http://evil")\nArbres, bancs — été',
        lat=33.59,
        lng=-7.615,
        district=district,
        support_count=7,
    )
    formula = make_idea(author=author, category=category, title="+33 bus", lat=None, lng=None)
    hidden = {
        s: make_idea(category=category, status=s, title=f"secret {s}")
        for s in ("pending", "rejected", "hidden", "withdrawn")
    }
    event = Event(
        slug="creathon-2018",
        kind="creathon",
        title="Créathon 2018",
        start_date=date(2018, 4, 20),
        venue_lat=33.59,
        venue_lng=-7.62,
        venue="Technopark",
    )
    db.session.add(event)
    db.session.flush()
    outcome_idea = make_idea(
        category=category, title="Bus app", source="creathon", lat=33.6, lng=-7.61, district=district
    )
    outcome = Outcome(event=event, idea=outcome_idea, team="Équipe A", rank=1, match_key="id:1")
    hidden_outcome = Outcome(event=event, idea=hidden["pending"], team="Équipe B", rank=2, match_key="id:2")
    db.session.add_all([outcome, hidden_outcome])
    db.session.flush()
    db.session.add(Link(outcome=outcome, idea=shade, relation="builds_on"))
    db.session.commit()
    return {
        "district": district,
        "category": category,
        "shade": shade,
        "formula": formula,
        "hidden": hidden,
        "event": event,
        "outcome": outcome,
        "outcome_idea": outcome_idea,
    }
