"""Read-only questions about notifications."""

from flask import g
from sqlalchemy import func, select

from app.extensions import db
from app.notifications.models import Notification, NotificationSettings


def unread_count(user_id):
    """Unread notifications of the user, computed once per request for the menu."""
    if "unread_notifications" not in g:
        g.unread_notifications = db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.is_read.is_(False)
            )
        )
    return g.unread_notifications


def notifications_for(user_id, page=1, per_page=30):
    return db.paginate(
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        page=page,
        per_page=per_page,
        error_out=False,
    )


def supporter_updates_enabled(user_id):
    settings = db.session.get(NotificationSettings, user_id)
    return True if settings is None else settings.supporter_updates
