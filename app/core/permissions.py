"""Role checks for views: 403 for signed-in users without the role, login for visitors."""

from functools import wraps

from flask import abort
from flask_login import current_user

from app.extensions import login_manager


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def verified_required(view):
    """Only signed-in users with a verified email (and not blocked) may continue."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_verified or current_user.is_blocked:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def permission_required(permission):
    """Admins, or moderators granted `permission` (app.accounts.models.PERMISSIONS)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_permission(permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
