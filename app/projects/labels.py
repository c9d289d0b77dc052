"""Translated names of the project log's actions, photo kinds and languages."""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

CHANGE_LABELS = {
    "created": _l("Project created"),
    "edited": _l("Project details updated"),
    "status": _l("Status changed"),
    "progress": _l("Progress updated"),
    "idea_linked": _l("Residents' idea added"),
    "outcome_linked": _l("Créathon outcome added"),
    "unlinked": _l("Idea removed from the project"),
    "milestone_added": _l("Milestone added"),
    "milestone_reached": _l("Milestone reached"),
}
PHOTO_KIND_LABELS = {"before": _l("Before"), "progress": _l("During the works"), "after": _l("After")}
LANGUAGE_LABELS = {"fr": _l("French"), "ar": _l("Arabic"), "en": _l("English")}
FIELD_LABELS = {
    "title_fr": _l("Title (French)"),
    "title_ar": _l("Title (Arabic)"),
    "title_en": _l("Title (English)"),
    "description_fr": _l("Description (French)"),
    "description_ar": _l("Description (Arabic)"),
    "description_en": _l("Description (English)"),
    "department": _l("Responsible department"),
    "budget_mad": _l("Budget (MAD)"),
    "start_date": _l("Planned start"),
    "end_date": _l("Planned end"),
    "geometry": _l("Place on the map"),
    "districts": _l("Districts"),
}


def change_label(action):
    return str(CHANGE_LABELS.get(action, action))


def field_label(name):
    return str(FIELD_LABELS.get(name, name))


def missing_text(lang):
    """What a page shows for a text not written in `lang` (never a machine translation)."""
    return gettext("Not available in %(language)s.", language=LANGUAGE_LABELS[lang])
