"""The review page's history in words: what each logged change did, with names, not ids."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.ideas.lifecycle import status_label
from app.ideas.models import Category, District
from app.moderation.labels import SIGNATURE_LABELS, public_status_label

FIELD_LABELS = {
    "category_id": _l("Category"),
    "district_id": _l("District"),
    "lat": _l("Latitude"),
    "lng": _l("Longitude"),
    "status": _l("Status"),
    "public_status": _l("City's answer"),
    "merged_into_id": _l("Merged into"),
    "support_count": _l("Supports"),
    "original_support_count": _l("Supports of the original"),
    "title": _l("Title"),
    "description": _l("Description"),
    "signature": _l("Signed by"),
}
# Bookkeeping kept for undo, not a change a reader needs to see.
HIDDEN_FIELDS = (
    "updated_at",
    "published_at",
    "notifications",
    "undoes",
    "hidden_ideas",
    "hidden_comments",
    "batch",
)


def _names(model, ids):
    code = str(get_locale())
    ids = {i for i in ids if isinstance(i, int)}
    if not ids:
        return {}
    return {row.id: row.name(code) for row in db.session.scalars(select(model).where(model.id.in_(ids)))}


def describe(entries):
    """{entry id: [(field label, before, after), ...]} for a list of log entries, with category
    and district names read once for them all."""
    ids = {"category_id": set(), "district_id": set()}
    for entry in entries:
        for values in (entry.before or {}, entry.after or {}):
            for name in ids:
                if name in values:
                    ids[name].add(values[name])
    names = {
        "category_id": _names(Category, ids["category_id"]),
        "district_id": _names(District, ids["district_id"]),
    }

    def word(name, value):
        if value is None:
            return "—"
        if name in names:
            return names[name].get(value, f"#{value}")
        if name == "status":
            return str(status_label(value))
        if name == "public_status":
            return public_status_label(value)
        if name == "signature":
            return str(SIGNATURE_LABELS.get(value, value))
        if name == "merged_into_id":
            return f"#{value}"
        return str(value)

    described = {}
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        changes = []
        for name in list(dict.fromkeys([*before, *after])):
            if name in HIDDEN_FIELDS:
                continue
            old, new = before.get(name), after.get(name)
            if name in before and name in after and old == new:
                continue
            label = str(FIELD_LABELS.get(name, name))
            changes.append(
                (label, word(name, old) if name in before else "", word(name, new) if name in after else "")
            )
        described[entry.id] = changes
    return described
