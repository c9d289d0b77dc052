"""What the project pages' templates get, and the partials projects put on others' pages."""

import json

from flask_babel import get_locale
from flask_login import current_user

from app.core.dates import day
from app.projects import queries
from app.projects.labels import LANGUAGE_LABELS, PHOTO_KIND_LABELS, change_label, field_label, missing_text
from app.projects.models import LANGUAGES


def locale():
    return str(get_locale())


def can_manage():
    return current_user.is_authenticated and current_user.has_permission("manage_projects")


def geometry_of(project):
    return json.loads(project.geometry) if project.geometry else None


def template_helpers():
    """For the projects blueprint's own pages; no query runs until a page calls one."""
    return {
        "project_languages": LANGUAGES,
        "language_labels": LANGUAGE_LABELS,
        "photo_kind_labels": PHOTO_KIND_LABELS,
        "change_label": change_label,
        "field_label": field_label,
        "missing_text": missing_text,
        # One date style per language (app/core/dates.py), whatever style a template names.
        "format_date": lambda value, _style=None: day(value),
        "can_manage_projects": can_manage,
    }


def idea_banner(idea, **_):
    """The projects answering an idea, at the top of its page; nothing when there is none."""
    if idea is None or getattr(idea, "id", None) is None:
        return None
    projects = queries.projects_of_idea(idea.id)
    if not projects:
        return None
    return {"answering_projects": projects, "project_locale": locale()}


def transparency_partial(**_):
    """How many accepted ideas became projects, and were delivered, per district and year."""
    return {"project_rows": queries.ideas_answered_by_projects(), "project_locale": locale()}
