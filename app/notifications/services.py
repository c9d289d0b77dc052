"""Notification use cases: record on-site notices, mark them read, send their emails."""

from flask import current_app
from sqlalchemy import update

from app.core.mail import send_mail
from app.core.urls import external_url
from app.extensions import db
from app.notifications.messages import notification_text
from app.notifications.models import Notification, NotificationSettings


def notify(users, kind, idea_id=None, **params):
    """One on-site notification per user (duplicates and None skipped); returns them unsent."""
    created, seen = [], set()
    for user in users:
        if user is None or user.id in seen:
            continue
        seen.add(user.id)
        notification = Notification(user=user, kind=kind, idea_id=idea_id, params=params)
        db.session.add(notification)
        created.append(notification)
    db.session.flush()
    return created


def mark_read(user, notification_ids=None):
    """Mark the user's notifications read: the given ones, or all of them."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.is_read.is_(False))
    if notification_ids is not None:
        stmt = stmt.where(Notification.id.in_(notification_ids))
    result = db.session.execute(stmt.values(is_read=True).execution_options(synchronize_session=False))
    db.session.flush()
    return result.rowcount


def set_supporter_updates(user, enabled):
    """Whether the user hears about decisions on ideas they support."""
    settings = db.session.get(NotificationSettings, user.id)
    if settings is None:
        settings = NotificationSettings(user_id=user.id)
        db.session.add(settings)
    settings.supporter_updates = bool(enabled)
    db.session.flush()
    return settings


def idea_url(idea_id):
    return external_url("core.home").rstrip("/") + f"/ideas/{idea_id}"


def send_notification_emails(notifications):
    """Email each notification in its recipient's language; call after the commit."""
    for notification in notifications:
        user = notification.user
        if not user.email or (user.is_blocked and notification.kind != "account_blocked"):
            continue
        try:
            send_mail(
                user.email,
                "notifications/email/notification",
                user.language or "fr",
                name=user.display_name,
                title=notification.params.get("title", ""),
                text=lambda n=notification: notification_text(n.kind, n.params),
                url=idea_url(notification.idea_id) if notification.idea_id else None,
                settings_url=external_url("notifications.index"),
            )
        except Exception:  # the decision is committed; a mail server hiccup must not undo the page
            current_app.logger.exception("Could not send notification %s", notification.id)
