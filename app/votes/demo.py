"""Demo supports: the demo citizen and the demo residents support published ideas, some more
than others, on dates between each idea's publication and today."""

from datetime import timedelta

from sqlalchemy import select

from app.accounts.services import find_by_email
from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.votes import queries, services
from app.votes.models import Vote

DEMO_SUPPORTER = "citizen@agora.local"


def seed_demo_votes(limit=3, residents=()):
    """Support up to `limit` published ideas as the demo citizen, and let each of `residents`
    support a share of them (deterministic: the same demo every time). Returns how many were added."""
    user = find_by_email(DEMO_SUPPORTER)
    ideas = (
        db.session.execute(select(Idea).where(Idea.status == IdeaStatus.PUBLISHED.value).order_by(Idea.id))
        .scalars()
        .all()
    )
    added = 0
    if user is not None:
        added += _support(user, ideas[:limit], 0)
    for number, resident in enumerate(residents, start=1):
        # Resident n supports the ideas whose rank leaves a remainder below n + 2 in 7: early
        # ideas gather more supports than late ones, and no two ideas have quite the same count.
        chosen = [idea for rank, idea in enumerate(ideas) if (rank * 3 + number) % 7 < 2 + number % 4]
        added += _support(resident, chosen, number)
    return added


def _support(user, ideas, number):
    added = 0
    now = utcnow()
    for rank, idea in enumerate(ideas):
        if queries.has_vote(user.id, idea.id):
            continue
        try:
            changed = services.cast_vote(user, idea).changed
        except services.VoteNotAllowed:
            continue
        if changed and idea.published_at is not None:
            # Supports arrive after the idea is published, spread up to today.
            span = max((now - idea.published_at).total_seconds(), 3600)
            delay = span * ((rank * 5 + number * 3) % 10 + 1) / 11
            vote = db.session.scalar(select(Vote).where(Vote.user_id == user.id, Vote.idea_id == idea.id))
            vote.created_at = idea.published_at + timedelta(seconds=delay)
        added += changed
    return added
