"""How the notifications about a resident's own comment read, in their language."""

from flask_babel import gettext as _

from app.moderation.labels import reason_label
from app.moderation.notices import _with_message

KINDS = {
    "comment_hidden": lambda p: _with_message(
        _(
            "Your comment on “%(title)s” has been hidden. Reason: %(reason)s.",
            title=p["title"],
            reason=reason_label(p.get("reason")),
        ),
        p,
    ),
    "comment_auto_hidden": lambda p: _(
        "Your comment on “%(title)s” was reported by several people and is hidden until a moderator"
        " reviews it.",
        title=p["title"],
    ),
    "comment_restored": lambda p: _("Your comment on “%(title)s” is visible again.", title=p["title"]),
    "comment_published": lambda p: _("Your comment on “%(title)s” has been published.", title=p["title"]),
    "comment_rejected": lambda p: _with_message(
        _(
            "Your comment on “%(title)s” was not published. Reason: %(reason)s.",
            title=p["title"],
            reason=reason_label(p.get("reason")),
        ),
        p,
    ),
}
