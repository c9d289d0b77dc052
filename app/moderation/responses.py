"""What every moderation view does around a use case: where to go back, commit (the queued mails
leave then), tell the user."""

from flask import flash, redirect, request
from flask_babel import gettext as _

from app.core.urls import safe_next
from app.extensions import db
from app.moderation.services import ModerationError


def requested_next(default):
    """The page the form asked to return to (its `next` field or parameter), if on this site."""
    return safe_next(request.form.get("next") or request.args.get("next"), default)


def finish(decision, message):
    db.session.commit()
    flash(str(message), "success")


def refuse(error):
    db.session.rollback()
    flash(str(error), "error")


def first_error(form):
    return next((errors[0] for errors in form.errors.values() if errors), _("Check the form and try again."))


def decide(form, back, use_case, message):
    """The flow every decision shares: check the form, run `use_case()` (it returns the
    Decision), commit and say `message`; a refusal changes nothing. Then `back`."""
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(back)
    try:
        decision = use_case()
    except ModerationError as error:
        refuse(error)
        return redirect(back)
    finish(decision, message)
    return redirect(back)
