"""What the moderation pages' templates get, and the partials moderation puts on others' pages."""

from flask_login import current_user

from app.core.dates import day
from app.ideas.lifecycle import can, status_label
from app.moderation import queries
from app.moderation.labels import PUBLIC_STATUS_LABELS, item_texts


def template_helpers():
    """For the moderation blueprint's own pages; no query runs until a page calls one."""
    return {
        "status_label": status_label,
        "can": can,
        "public_status_labels": PUBLIC_STATUS_LABELS,
        "format_date": day,
        "item_texts": item_texts,
    }


def public_status_partial(idea, **_):
    """The city's answer and its timeline on the idea page (the history only when it shows)."""
    staff = current_user.is_authenticated and current_user.is_staff
    return {
        "can": can,
        "public_status_labels": PUBLIC_STATUS_LABELS,
        "status_history": queries.public_status_history(idea.id) if idea.public_status or staff else [],
    }


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
