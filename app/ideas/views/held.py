"""The photo of an idea form sent back to its author (a field to correct, similar ideas): held
until the form is sent again, so that it need not be chosen again. One form's photo per session,
tied to that form (a new idea, or the edit of one idea)."""

from flask import current_app, session
from flask_babel import gettext as _

from app.ideas.photos import drop_held_photo, hold_photo, take_held_photo

HELD_PHOTO = "held_photo"


def _upload_dir():
    return current_app.config["UPLOAD_DIR"]


def _held():
    held = session.get(HELD_PHOTO)
    return held if isinstance(held, dict) else {}


def held_for(target):
    """Whether a photo is held for the form `target` ("new", or an idea's id)."""
    held = _held()
    return bool(held.get("name")) and held.get("for") == str(target)


def forget_held():
    """Let go of the held photo, whatever form it was for; its file goes at once."""
    held = _held()
    session.pop(HELD_PHOTO, None)
    drop_held_photo(_upload_dir(), held.get("name"))


def hold_for(target, form, *, trusted=True):
    """The form goes back to its author. A valid photo just sent is held (replacing an earlier
    one); a refused one lets go of the earlier one too and says so, so that the page always tells
    which photo, if any, the next sending carries. Nothing is held from a request that is not
    `trusted` (it failed the CSRF check): its photo must be chosen again."""
    if not trusted:
        forget_held()
        form.csrf_token.errors = []
        if form.photo.data and getattr(form.photo.data, "filename", ""):
            form.photo.errors = [_("Choose your photo again before sending.")]
        return
    if form.processed_photo is not None:
        forget_held()
        session[HELD_PHOTO] = {"for": str(target), "name": hold_photo(_upload_dir(), form.processed_photo)}
    elif form.photo.errors:
        forget_held()
        form.photo.errors = [
            *form.photo.errors,
            _("The form comes back without this photo: choose a photo again, or send it without one."),
        ]
    elif not held_for(target):
        forget_held()


def photo_to_send(target, form):
    """The photo just sent, or else the one held for this form (used once), or None."""
    held = _held()
    session.pop(HELD_PHOTO, None)
    if form.processed_photo is not None or held.get("for") != str(target):
        drop_held_photo(_upload_dir(), held.get("name"))
        return form.processed_photo
    return take_held_photo(_upload_dir(), held.get("name"))
