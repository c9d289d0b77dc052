"""What the moderation pages' templates get, and the partials moderation puts on others' pages."""

from flask_babel import format_date
from flask_login import current_user

from app.ideas.lifecycle import IdeaStatus, can, status_label
from app.moderation import queries
from app.moderation.labels import (
    ACTION_LABELS,
    PUBLIC_STATUS_LABELS,
    SIGNATURE_LABELS,
    item_texts,
    reason_label,
)

# The statuses a moderator's decision holds an idea in, and the actions that put it there.
AUTHOR_DECISIONS = {
    IdeaStatus.REJECTED: ("reject",),
    IdeaStatus.CHANGES_REQUESTED: ("request_changes",),
    IdeaStatus.HIDDEN: ("hide", "auto_hide"),
}


def template_helpers():
    """For the moderation blueprint's own pages; no query runs until a page calls one."""
    return {
        "status_label": status_label,
        "can": can,
        "public_status_labels": PUBLIC_STATUS_LABELS,
        "format_date": format_date,
        "item_texts": item_texts,
        "action_labels": ACTION_LABELS,
    }


def public_status_partial(idea, **_):
    """The city's answer and its timeline on the idea page (the history only when it shows)."""
    staff = current_user.is_authenticated and current_user.is_staff
    return {
        "can": can,
        "public_status_labels": PUBLIC_STATUS_LABELS,
        "signature_labels": SIGNATURE_LABELS,
        "status_history": queries.public_status_history(idea.id) if idea.public_status or staff else [],
    }


def author_decision_partial(idea, **_):
    """Why the moderators turned the idea down or sent it back, and what its author can do
    next; for its author only (None for anyone else, and for ideas no decision holds back)."""
    if not (current_user.is_authenticated and current_user.id == idea.author_id):
        return None
    if idea.status not in AUTHOR_DECISIONS:
        return None
    decision = queries.last_action(idea.id, AUTHOR_DECISIONS[idea.status])
    if decision is None:
        return None
    return {"decision": decision, "reason_label": reason_label, "can": can}


def report_partial(idea, **_):
    """The report link on the idea page; whether the visitor already reported it."""
    reported = (
        idea.is_published
        and current_user.is_authenticated
        and current_user.id != idea.author_id
        and queries.has_reported(current_user.id, idea.id)
    )
    return {"already_reported": reported}


def nav_partial(**_):
    """The queue link with its count, for moderators only."""
    if not (current_user.is_authenticated and current_user.has_role("moderator")):
        return None
    return {"waiting": queries.waiting_count()}
