"""How project notifications read, in the reader's language (declared in blueprint.py)."""

from flask_babel import get_locale
from flask_babel import gettext as _

from app.projects.labels import change_label
from app.projects.models import shown_title


def _project_update(params):
    # The title in the reader's language when written in it, else in one that exists.
    title, _lang = shown_title(params.get("titles") or {"fr": params.get("title", "")}, str(get_locale()))
    text = _(
        "News of the project “%(title)s” you follow: %(what)s.",
        title=title,
        what=change_label(params.get("what")).lower(),
    )
    explanation = (params.get("explanation") or "").strip()
    return f"{text} {explanation}" if explanation else text


KINDS = {"project_update": _project_update}
