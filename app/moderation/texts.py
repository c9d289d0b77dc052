"""Admins' wording of rejection reasons and notifications per language; built-in texts otherwise."""

from flask import g
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.core.time import utcnow
from app.extensions import db
from app.moderation.models import REJECT_REASONS, CustomText

LANGUAGES = ("fr", "ar", "en")
# The notifications an admin may reword, with the placeholders each one's text can use.
EDITABLE_NOTICES = {
    "idea_published": ("title",),
    "idea_rejected": ("title", "reason"),
    "idea_changes_requested": ("title",),
    "idea_hidden": ("title", "reason"),
    "account_blocked": ("reason",),
}
NOTICE_LABELS = {
    "idea_published": _l("Idea published"),
    "idea_rejected": _l("Idea rejected"),
    "idea_changes_requested": _l("Changes requested"),
    "idea_hidden": _l("Idea hidden"),
    "account_blocked": _l("Account blocked"),
}
TEXT_LENGTH = 1000


class TextError(Exception):
    """A text refused; the message is safe to show the admin."""


def reason_key(code):
    return f"reason:{code}"


def notice_key(kind):
    return f"notice:{kind}"


def editable_keys():
    return [reason_key(code) for code in REJECT_REASONS] + [notice_key(kind) for kind in EDITABLE_NOTICES]


def _all_custom():
    """{(key, language): text}, read once per request (or job)."""
    if "moderation_texts" not in g:
        g.moderation_texts = {
            (row.key, row.language): row.text for row in db.session.scalars(select(CustomText))
        }
    return g.moderation_texts


def custom(key, language=None):
    """The admin's text for `key` in `language` (the active locale by default), or None."""
    return _all_custom().get((key, language or str(get_locale())))


def fill(text, **values):
    """An admin's text with its `{placeholder}`s replaced; other braces stay as written."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def builtin(render, language):
    """The built-in text `render()` produces in `language`."""
    with force_locale(language):
        return str(render())


def set_texts(key, values, admin):
    """Save an admin's texts for `key`: {language: text}; an empty text brings the built-in one
    back. Flushes, never commits."""
    if key not in editable_keys():
        raise TextError(_l("This text cannot be edited."))
    kind = key.partition(":")[2]
    allowed = EDITABLE_NOTICES.get(kind, ()) if key.startswith("notice:") else ()
    for language in LANGUAGES:
        text = (values.get(language) or "").strip()
        if len(text) > TEXT_LENGTH:
            raise TextError(_l("Keep each text under 1,000 characters."))
        if key.startswith("notice:") and "{" in text:
            unknown = {part.partition("}")[0] for part in text.split("{")[1:]} - set(allowed)
            if unknown:
                raise TextError(
                    _l(
                        "Unknown placeholder: %(names)s. This text can use: %(allowed)s.",
                        names=", ".join(sorted("{" + u + "}" for u in unknown)),
                        allowed=", ".join("{" + a + "}" for a in allowed),
                    )
                )
    for language in LANGUAGES:
        text = (values.get(language) or "").strip()
        row = db.session.scalars(
            select(CustomText).where(CustomText.key == key, CustomText.language == language)
        ).first()
        if not text:
            if row is not None:
                db.session.execute(delete(CustomText).where(CustomText.id == row.id))
            continue
        if row is None:
            row = CustomText(key=key, language=language, text=text)
            db.session.add(row)
        row.text, row.updated_by_id, row.updated_at = text, admin.id, utcnow()
    db.session.flush()
    g.pop("moderation_texts", None)
