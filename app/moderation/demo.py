"""Demo content for moderation: the city's answers on a few published ideas (idempotent)."""

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.moderation import reporting

DEMO_ANSWERS = (
    ("under_study", "Les services techniques étudient la faisabilité sur place ce trimestre."),
    ("planned", "Les travaux sont inscrits au programme d'aménagement de l'an prochain."),
    ("accepted", "La proposition est retenue ; le calendrier sera publié ici."),
)


def seed_demo_moderation():
    """Give the city's answer to the three oldest published ideas that have none yet."""
    moderator = db.session.scalar(select(User).where(User.email == "moderator@agora.local"))
    if moderator is None:
        return 0
    ideas = db.session.scalars(
        select(Idea)
        .where(Idea.status == IdeaStatus.PUBLISHED, Idea.public_status.is_(None))
        .order_by(Idea.created_at, Idea.id)
        .limit(len(DEMO_ANSWERS))
    ).all()
    already = db.session.scalar(select(Idea.id).where(Idea.public_status.is_not(None)).limit(1))
    if already is not None:
        return 0
    for idea, (status, explanation) in zip(ideas, DEMO_ANSWERS, strict=False):
        reporting.set_public_status(idea, moderator, status, explanation)
    _seed_demo_report()
    db.session.flush()
    return len(ideas)


def _seed_demo_report():
    # One reported idea in the queue, reported by the facilitator (one report stays below the
    # auto-hide threshold, so the idea remains public while it waits).
    reporter = db.session.scalar(select(User).where(User.email == "facilitator@agora.local"))
    idea = db.session.scalar(
        select(Idea)
        .where(Idea.status == IdeaStatus.PUBLISHED, Idea.public_status.is_(None))
        .order_by(Idea.id.desc())
    )
    if reporter is not None and idea is not None:
        reporting.report_idea(
            idea, reporter, "duplicate", details="Même demande qu'une autre idée du quartier."
        )
