"""A small city for the dashboard tests: ideas in several months, categories, districts,
sources and languages, with supports and first decisions at known times."""

from datetime import datetime, timedelta

import pytest

from app.creathon.models import Event, Outcome
from app.extensions import db as _db
from app.ideas.districts import assign_districts
from app.ideas.models import District
from app.moderation.models import ModerationAction
from app.votes.models import Vote
from tests.factories import make_category, make_idea, make_user
from tests.ideas.helpers import make_districts

NOW = datetime(2026, 11, 20, 12, 0)


@pytest.fixture
def city(db):
    make_districts()  # maarif (west) and derb (east)
    districts = {d.slug: d for d in db.session.query(District)}
    districts["maarif"].population = 20_000
    mobility = make_category(slug="pistes", fr="Pistes cyclables", ar="مسارات الدراجات", en="Cycle lanes")
    shade = make_category(slug="ombre", theme="public_space", fr="Ombre", ar="ظل", en="Shade")
    moderator = make_user(role="moderator")
    west, east, outside = (33.565, -7.63), (33.565, -7.60), (33.50, -7.70)
    specs = [
        # (created, category, point, status, source, language, supports, decision hours)
        (datetime(2026, 9, 3), mobility, west, "published", "citizen", "fr", 3, 5),
        (datetime(2026, 9, 20), shade, east, "published", "citizen", "ar", 1, 30),
        (datetime(2026, 10, 1), mobility, west, "rejected", "citizen", "fr", 0, 50),
        (datetime(2026, 10, 15), shade, outside, "published", "creathon", "en", 2, 2),
        (datetime(2026, 11, 2), mobility, east, "pending", "citizen", "ar", 0, None),
        (datetime(2025, 3, 2), shade, west, "published", "citizen", "fr", 4, 100),
    ]
    ideas = []
    voters = [make_user() for _ in range(4)]
    for created, category, (lat, lng), status, source, language, supports, hours in specs:
        idea = make_idea(
            category=category,
            status=status,
            lat=lat,
            lng=lng,
            source=source,
            language=language,
            created_at=created,
        )
        for voter in voters[:supports]:
            _db.session.add(Vote(user_id=voter.id, idea_id=idea.id, created_at=created + timedelta(days=40)))
        idea.support_count = supports
        if hours is not None:
            action = {"published": "approve", "rejected": "reject"}[status]
            _db.session.add(
                ModerationAction(
                    actor_id=moderator.id,
                    action=action,
                    idea_id=idea.id,
                    reason="off_topic" if action == "reject" else None,
                    created_at=created + timedelta(hours=hours, minutes=10),
                )
            )
        ideas.append(idea)
    assign_districts()
    event = Event(slug="creathon-anfa", title="Créathon Anfa", start_date=datetime(2026, 10, 10).date())
    _db.session.add(event)
    _db.session.flush()
    _db.session.add(Outcome(event_id=event.id, idea_id=ideas[3].id, match_key="t:x"))
    _db.session.commit()
    return {"ideas": ideas, "districts": districts, "categories": (mobility, shade), "event": event}
