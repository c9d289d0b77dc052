"""Demo content for moderation: the city's answers on a few published ideas (idempotent)."""

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.moderation import reporting
from app.moderation.models import PublicStatusEntry

# status, explanation, days ago: answers given over the year, the last ones this month.
DEMO_ANSWERS = (
    ("done", "L'abri a été installé en mars, avec deux bancs et un plan du réseau.", 150),
    ("in_progress", "Les travaux ont commencé ; ils doivent durer six semaines.", 60),
    ("planned", "Les travaux sont inscrits au programme d'aménagement de l'an prochain.", 30),
    ("not_retained", "La chaussée est trop étroite à cet endroit ; une autre rue est à l'étude.", 12),
    ("under_study", "Les services techniques étudient la faisabilité sur place ce trimestre.", 3),
    ("accepted", "La proposition est retenue ; le calendrier sera publié ici.", 1),
)


def seed_demo_moderation():
    """Give the city's answer to the oldest published ideas (one per DEMO_ANSWERS) when no idea
    has an answer yet."""
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
    now = utcnow()
    for idea, (status, explanation, days_ago) in zip(ideas, DEMO_ANSWERS, strict=False):
        reporting.set_public_status(idea, moderator, status, explanation)
        entry = db.session.scalar(select(PublicStatusEntry).where(PublicStatusEntry.idea_id == idea.id))
        entry.created_at = max(now - timedelta(days=days_ago), idea.published_at or now)
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
