"""Citizens' reports and the city's public answers. They flush and never commit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.core.database import rows_for_update
from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IDEAS
from app.ideas.models import Idea
from app.moderation.labels import SIGNATURE_LABELS
from app.moderation.models import (
    ANSWER_LANGUAGES,
    PUBLIC_STATUSES,
    REPORT_REASONS,
    REPORT_TARGETS,
    PublicStatusEntry,
    Report,
    recount_open_reports,
)
from app.moderation.queries import open_reports_drift
from app.moderation.services import Decision, ModerationError, _tell_author_and_supporters, log_action
from app.moderation.signals import idea_decided
from app.notifications.services import notify


class AlreadyReported(ModerationError):
    def __init__(self):
        super().__init__(_l("You have already reported this idea; moderators will review it."))


def report_idea(idea, reporter, reason, details=None, target="idea", threshold=3):
    """Record a report; at `threshold` open reports a published idea is hidden until reviewed.

    The idea is locked first: concurrent reports of one idea take turns, each sees the reports
    committed before it, and exactly one of them crosses the threshold and hides the idea."""
    if not reporter.is_verified or reporter.is_blocked:
        raise ModerationError(_l("Only residents with a confirmed email address can report an idea."))
    if reason not in REPORT_REASONS or target not in REPORT_TARGETS:
        raise ModerationError(_l("Choose a reason from the list."))
    if reason == "other" and not (details or "").strip():
        raise ModerationError(_l("Explain the problem in a few words."))
    status, photo, author_id = rows_for_update(
        db.session.connection(),
        select(Idea.status, Idea.photo, Idea.author_id).where(Idea.id == idea.id),
    ).one()
    if not IDEAS.allowed(status, "report"):
        raise ModerationError(_l("Only published ideas can be reported."))
    if target == "photo" and not photo:
        raise ModerationError(_l("This idea has no photo."))
    if author_id == reporter.id:
        raise ModerationError(_l("You cannot report your own idea."))
    report = Report(
        idea_id=idea.id,
        reporter_id=reporter.id,
        reason=reason,
        target=target,
        details=(details or "").strip() or None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:
        raise AlreadyReported() from None
    open_count = db.session.scalar(select(Idea.open_reports).where(Idea.id == idea.id))
    hidden = 0
    if IDEAS.allowed(status, "auto_hide") and open_count >= threshold:
        hidden = db.session.execute(
            update(Idea)
            .where(Idea.id == idea.id, Idea.status.in_(IDEAS.sources("auto_hide")))
            .values(status=IDEAS.target("auto_hide"), updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
    if not hidden:
        set_committed_value(idea, "status", status)
        set_committed_value(idea, "open_reports", open_count)
        return Decision(idea, [])
    db.session.refresh(idea)
    log_action(
        None, "auto_hide", idea, report_id=report.id, reason=reason, after={"open_reports": open_count}
    )
    return Decision(idea, notify([idea.author], "idea_auto_hidden", idea.id, title=idea.title))


def set_public_status(idea, moderator, status, explanations, signature="city"):
    """Publish the city's answer to an idea, signed by the city or one of its departments and
    written in one or more languages ({language: text}); it joins the idea's public timeline."""
    if not IDEAS.can(idea, "answer"):
        raise ModerationError(_l("Only published ideas receive the city's answer."))
    if status not in PUBLIC_STATUSES:
        raise ModerationError(_l("Choose a status from the list."))
    if signature not in SIGNATURE_LABELS:
        raise ModerationError(_l("Choose who signs the answer."))
    if isinstance(explanations, str):
        explanations = {"fr": explanations}
    texts = {
        lang: (explanations.get(lang) or "").strip()
        for lang in ANSWER_LANGUAGES
        if (explanations.get(lang) or "").strip()
    }
    if not texts:
        raise ModerationError(_l("Explain the city's answer to the public, in at least one language."))
    explanation = next(iter(texts.values()))
    before = idea.public_status
    db.session.add(
        PublicStatusEntry(
            idea_id=idea.id,
            status=status,
            explanation=explanation,
            translations=texts,
            signature=signature,
            author_id=moderator.id,
        )
    )
    idea.public_status = status
    db.session.flush()
    log_action(
        moderator,
        "public_status",
        idea,
        reason=status,
        message=explanation,
        before={"public_status": before},
        # Who signs it, so that /transparency names the city or its department, not a person.
        after={"public_status": status, "signature": signature},
    )
    idea_decided.send(idea, outcome="answered", status=status, explanation=explanation)
    return Decision(
        idea,
        _tell_author_and_supporters(
            idea,
            "idea_public_status",
            "supported_idea_public_status",
            status=status,
            explanation=explanation,
            explanations=texts,
        ),
    )


def repair_open_reports():
    """Set every drifting `open_reports` to the idea's number of open reports; returns how many
    changed. Each idea is recounted under its lock, as reports are, so that none committed
    meanwhile is missed."""
    drifting = [row.id for row in open_reports_drift()]
    connection = db.session.connection()
    for idea_id in drifting:
        recount_open_reports(connection, idea_id)
    return len(drifting)


def withdraw_open_reports(reporter_id):
    """Remove a resident's open reports (their account is being deleted). Through the ORM, so
    that each idea's count of open reports follows."""
    for report in db.session.scalars(
        select(Report).where(Report.reporter_id == reporter_id, Report.status == "open")
    ):
        db.session.delete(report)
