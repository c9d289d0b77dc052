"""What the discussion partial needs on an idea page or a créathon outcome page."""

from flask import current_app, request
from flask_babel import format_decimal, ngettext
from flask_login import current_user

from app.comments import queries, services
from app.comments.forms import STANCE_LABELS
from app.comments.text import render


def _viewer():
    return current_user if current_user.is_authenticated else None


def reply_count_label(comment):
    """ "3 replies": the published replies of a comment, those every reader sees ("" for none)."""
    count = comment.reply_count
    if not count:
        return ""
    return ngettext("%(count)s reply", "%(count)s replies", count, count=format_decimal(count))


def comment_helpers():
    viewer = _viewer()
    minutes = current_app.config["COMMENT_EDIT_MINUTES"]
    return {
        "comment_html": render,
        "reply_count_label": reply_count_label,
        "stance_labels": STANCE_LABELS,
        "can_edit_comment": lambda comment: services.can_edit(viewer, comment, minutes),
        "comment_edit_minutes": minutes,
    }


def thread_partial(idea, **_):
    """The thread of a published idea: its tally, the arguments side by side, one page of
    comments in the order asked for (`?sort=`, `?after=` a cursor) and the forms."""
    if not idea.is_published:
        return None
    viewer = _viewer()
    page = queries.thread_page(
        idea.id,
        request.args.get("sort", "oldest"),
        request.args.get("after"),
        viewer.id if viewer else None,
        staff=bool(viewer and viewer.is_staff),
    )
    shown = [c.id for c in page.comments] + [r.id for rs in page.replies.values() for r in rs]
    may_comment = bool(viewer and viewer.is_verified and not viewer.is_blocked)
    return {
        **comment_helpers(),
        "thread": page,
        "tally": queries.tally(idea.id),
        "arguments": queries.arguments(idea.id),
        "supported": queries.supported_ids(viewer.id, shown) if viewer else set(),
        "may_comment": may_comment,
        "is_staff": bool(viewer and viewer.is_staff),
        "thread_path": request.path,
        "premoderated": current_app.config["COMMENTS_PREMODERATION"],
    }
