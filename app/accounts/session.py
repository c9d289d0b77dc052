"""Loading the signed-in user from the session id `<user id>:<session token>`."""

import hmac

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from app.accounts.models import User
from app.extensions import db

LOGIN_MESSAGE = _l("Please sign in to see this page.")

# Built once: every signed-in request runs it, and Session.get would build, clone and key a
# new statement each time (a quarter of a support's CPU went to loading the resident).
_BY_ID = select(User).where(User.id == bindparam("user_id"))


def load_user(session_id):
    user_id, _, token = str(session_id).partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.execute(_BY_ID, {"user_id": int(user_id)}).scalar_one_or_none()
    if user is None or not hmac.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


def unauthorized_message(_message):
    return str(LOGIN_MESSAGE)
