"""Translated labels for idea statuses and category themes."""

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "pending": _l("Awaiting moderation"),
    "published": _l("Published"),
    "changes_requested": _l("Changes requested"),
    "rejected": _l("Rejected"),
    "hidden": _l("Hidden"),
    "withdrawn": _l("Withdrawn"),
    "merged": _l("Merged with another idea"),
}
THEME_LABELS = {"mobility": _l("Mobility"), "public_space": _l("Public space")}


def status_label(status):
    return STATUS_LABELS.get(status, status)


def theme_label(theme):
    return THEME_LABELS.get(theme, theme)
