"""Demo supports: the demo citizen supports the first published ideas."""

from sqlalchemy import select

from app.accounts.services import find_by_email
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.votes import queries, services

DEMO_SUPPORTER = "citizen@agora.local"


def seed_demo_votes(limit=3):
    """Support up to `limit` published ideas as the demo citizen; returns how many were added."""
    user = find_by_email(DEMO_SUPPORTER)
    if user is None:
        return 0
    ideas = db.session.execute(
        select(Idea).where(Idea.status == IdeaStatus.PUBLISHED.value).order_by(Idea.id).limit(limit)
    ).scalars()
    added = 0
    for idea in ideas:
        if queries.has_vote(user.id, idea.id):
            continue
        try:
            added += services.cast_vote(user, idea).changed
        except services.VoteNotAllowed:
            continue
    return added
