"""What moderation shows on the home page: the city's answers this month and the latest ones."""

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from app.core.figures import cached_figure
from app.core.time import month_start
from app.extensions import db
from app.ideas.labels import public_status_label
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.moderation.models import PublicStatusEntry

LATEST = 4


def answers_since(moment):
    """Answers the city gave since `moment`, on ideas that are public."""
    return db.session.scalar(
        select(func.count(PublicStatusEntry.id))
        .join(Idea, Idea.id == PublicStatusEntry.idea_id)
        .where(PublicStatusEntry.created_at >= moment, Idea.status == IdeaStatus.PUBLISHED.value)
    )


def latest_answers(limit=LATEST):
    """The newest answers on public ideas, with their idea, newest first."""
    return db.session.scalars(
        select(PublicStatusEntry)
        .join(Idea, Idea.id == PublicStatusEntry.idea_id)
        .options(contains_eager(PublicStatusEntry.idea))
        .where(Idea.status == IdeaStatus.PUBLISHED.value)
        .order_by(PublicStatusEntry.created_at.desc(), PublicStatusEntry.id.desc())
        .limit(limit)
    ).all()


def month_figure(**_):
    start = month_start()
    return {"answers_this_month": cached_figure(("answers", start), lambda: answers_since(start))}


def latest_partial(**_):
    answers = latest_answers()
    if not answers:
        return None
    return {"latest_answers": answers, "public_status_label": public_status_label}
