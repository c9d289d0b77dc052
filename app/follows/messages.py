"""How following notifications read, in the reader's language (declared in blueprint.py)."""

from flask_babel import gettext as _

from app.ideas.lifecycle import status_label


def _explained(text, params):
    explanation = (params.get("explanation") or "").strip()
    return f"{text} {explanation}" if explanation else text


KINDS = {
    # Without the commenter's name: a notice kept by others must not outlive an erased account.
    "followed_new_comment": lambda p: _("New comment on “%(title)s”, an idea you follow.", title=p["title"]),
    "comment_reply": lambda p: _("Someone replied to your comment on “%(title)s”.", title=p["title"]),
    "followed_official_reply": lambda p: _(
        "The city answered in the discussion of “%(title)s”.", title=p["title"]
    ),
    "followed_public_status": lambda p: _explained(
        _("The city gave its answer on “%(title)s”, an idea you follow.", title=p["title"]), p
    ),
    "followed_status_change": lambda p: _(
        "An idea you follow, “%(title)s”, is now: %(status)s.",
        title=p["title"],
        status=status_label(p.get("status")),
    ),
}
