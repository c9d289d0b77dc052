"""The relays' pages, split by use case."""

from functools import wraps

from flask import abort, g
from flask_login import current_user

from app.extensions import login_manager
from app.relays.services import relay_of


def relay_required(view):
    """Verified, unblocked accounts holding the relay role; the role is in `g.relay`."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        relay = relay_of(current_user)
        if relay is None or not current_user.is_verified or current_user.is_blocked:
            abort(403)
        g.relay = relay
        return view(*args, **kwargs)

    return wrapped
