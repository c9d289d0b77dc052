"""The notification work done by the worker: fan-out to many people, and each email."""

from sqlalchemy import select

from app.accounts.models import User
from app.core.mail import send_mail
from app.core.urls import external_url
from app.extensions import db
from app.jobs.registry import handler
from app.notifications.messages import notification_text
from app.notifications.models import Notification
from app.notifications.services import idea_url, notify


@handler("notify_users")
def notify_users(payload):
    users = db.session.scalars(select(User).where(User.id.in_(payload["user_ids"])).order_by(User.id)).all()
    notify(users, payload["kind"], payload["idea_id"], **payload["params"])


@handler("notification_mail")
def send_notification_email(payload):
    notification = db.session.get(Notification, payload["notification_id"])
    if notification is None:
        return
    user = notification.user
    if not user.email or (user.is_blocked and notification.kind != "account_blocked"):
        return
    send_mail(
        user.email,
        "notifications/email/notification",
        user.language or "fr",
        key=f"notification:{notification.id}",
        name=user.display_name,
        title=notification.params.get("title", ""),
        text=lambda: notification_text(notification.kind, notification.params),
        url=idea_url(notification.idea_id) if notification.idea_id else None,
        settings_url=external_url("notifications.index"),
    )
