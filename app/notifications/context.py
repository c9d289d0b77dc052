"""The notifications link and its unread count, for the menu of every page."""

from flask_login import current_user

from app.notifications import queries


def nav_partial(**_):
    if not current_user.is_authenticated:
        return None
    return {"unread": queries.unread_count(current_user.id)}
