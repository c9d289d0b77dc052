"""What every moderation view does after a use case: commit (the mails leave then), tell the user."""

from flask import flash, request
from flask_babel import gettext as _

from app.extensions import db


def safe_next(default):
    target = request.form.get("next") or request.args.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else default


def finish(decision, message):
    db.session.commit()
    flash(message, "success")


def refuse(error):
    db.session.rollback()
    flash(str(error), "error")


def first_error(form):
    return next((errors[0] for errors in form.errors.values() if errors), _("Check the form and try again."))
