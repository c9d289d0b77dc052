"""Loading the signed-in user from the session id `<user id>:<security stamp>`."""

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.extensions import db

LOGIN_MESSAGE = _l("Please sign in to see this page.")


def load_user(session_id):
    user_id, _, stamp = str(session_id).partition(":")
    if not user_id.isdigit() or not stamp.lstrip("-").isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.security_stamp != int(stamp):
        return None
    return user


def unauthorized_message(_message):
    return str(LOGIN_MESSAGE)
