"""The idea's lifecycle: its statuses, their labels, and which verb moves an idea from where to where."""

import enum

from flask_babel import lazy_gettext as _l

from app.core.lifecycle import Lifecycle


class IdeaStatus(enum.StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    HIDDEN = "hidden"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


PENDING, PUBLISHED, CHANGES_REQUESTED, REJECTED, HIDDEN, WITHDRAWN, MERGED = IdeaStatus
WAITING = (PENDING, CHANGES_REQUESTED)

IDEAS = Lifecycle(
    IdeaStatus,
    {
        PENDING: _l("Awaiting moderation"),
        PUBLISHED: _l("Published"),
        CHANGES_REQUESTED: _l("Changes requested"),
        REJECTED: _l("Rejected"),
        HIDDEN: _l("Hidden"),
        WITHDRAWN: _l("Withdrawn"),
        MERGED: _l("Merged into another idea"),
    },
    {
        # The author's verbs.
        "edit": (WAITING, PENDING),
        "withdraw": ((*WAITING, PUBLISHED), WITHDRAWN),
        "propose_edit": ((PUBLISHED,), None),
        # Residents' verbs.
        "support": ((PUBLISHED,), None),
        "report": ((PUBLISHED, HIDDEN), None),
        "auto_hide": ((PUBLISHED,), HIDDEN),
        # Moderators' verbs.
        "approve": ((PENDING,), PUBLISHED),
        "reject": ((PENDING,), REJECTED),
        "request_changes": ((PENDING,), CHANGES_REQUESTED),
        "hide": ((PUBLISHED,), HIDDEN),
        "restore": ((HIDDEN,), PUBLISHED),
        "merge": ((PENDING, PUBLISHED, HIDDEN), MERGED),
        "merge_into": ((PUBLISHED,), None),
        "correct": ((*WAITING, PUBLISHED, HIDDEN), None),
        "hide_blocked_authors": (WAITING, HIDDEN),
        "answer": ((PUBLISHED,), None),
        "approve_edit": ((PUBLISHED,), None),
    },
)


def can(idea, verb):
    """Whether `verb` may act on `idea` now (templates ask the same: `can(idea, verb)`)."""
    return IDEAS.can(idea, verb)


def status_label(status):
    return IDEAS.label(status)
