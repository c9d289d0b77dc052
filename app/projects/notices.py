"""How project notifications read, in the reader's language (declared in blueprint.py)."""

from flask_babel import gettext as _

from app.projects.labels import change_label


def _project_update(params):
    text = _(
        "News of the project “%(title)s” you follow: %(what)s.",
        title=params.get("title", ""),
        what=change_label(params.get("what")).lower(),
    )
    explanation = (params.get("explanation") or "").strip()
    return f"{text} {explanation}" if explanation else text


KINDS = {"project_update": _project_update}
