"""Translated labels for category themes (statuses have theirs in app.ideas.lifecycle)."""

from flask_babel import lazy_gettext as _l

THEME_LABELS = {"mobility": _l("Mobility"), "public_space": _l("Public space")}


def theme_label(theme):
    return THEME_LABELS.get(theme, theme)
