"""Translated labels for category themes and the city's answers (statuses have theirs in
app.ideas.lifecycle). Moderation sets the answer; the ideas pages show it and filter by it."""

from flask_babel import lazy_gettext as _l

THEME_LABELS = {"mobility": _l("Mobility"), "public_space": _l("Public space")}
PUBLIC_STATUS_LABELS = {
    "under_study": _l("Under study"),
    "accepted": _l("Accepted"),
    "planned": _l("Planned"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "not_retained": _l("Not retained"),
}


def theme_label(theme):
    return THEME_LABELS.get(theme, theme)


def public_status_label(code):
    return str(PUBLIC_STATUS_LABELS.get(code, code or ""))
