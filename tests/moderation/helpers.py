"""Shared helpers for the moderation tests."""

from app.extensions import db
from app.votes.models import Vote
from tests.factories import make_user


def version(idea):
    db.session.refresh(idea)
    return idea.updated_at.isoformat()


def support(idea, *users):
    for user in users:
        db.session.add(Vote(user_id=user.id, idea_id=idea.id))
    db.session.flush()
    idea.support_count = db.session.query(Vote).filter_by(idea_id=idea.id).count()
    db.session.flush()


def supporters(n, language="fr"):
    return [make_user(language=language) for _ in range(n)]
