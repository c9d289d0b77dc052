"""Notification use cases: record on-site notices and queue their emails, mark them read."""

from sqlalchemy import delete, update

from app.core.urls import external_url
from app.extensions import db
from app.jobs.services import call_off, postpone, queue
from app.notifications.messages import check_kind
from app.notifications.models import Notification, NotificationSettings


def notify(users, kind, idea_id=None, by_email=True, **params):
    """One on-site notification per user (duplicates and None skipped), each with its email
    queued for after the commit unless `by_email` is False (the sender mails them its own way);
    returns the notifications. UnknownKind for a kind no feature declares."""
    check_kind(kind)
    created, seen = [], set()
    for user in users:
        if user is None or user.id in seen:
            continue
        seen.add(user.id)
        notification = Notification(user=user, kind=kind, idea_id=idea_id, params=params)
        db.session.add(notification)
        created.append(notification)
    db.session.flush()
    for notification in created if by_email else ():
        queue(
            "notification_mail", {"notification_id": notification.id}, key=f"notification:{notification.id}"
        )
    return created


def _mail_keys(notification_ids):
    return [f"notification:{notification_id}" for notification_id in notification_ids]


def hold_mails(notifications, until):
    """Keep the emails of these notifications until `until` (a decision that can still be
    undone): the worker takes them once due."""
    postpone(_mail_keys(n.id for n in notifications), until)


def retract(notification_ids):
    """Take back notifications (their decision was undone): the on-site notices go, and their
    emails, when still waiting, are never sent. Returns how many emails had already left."""
    notification_ids = list(notification_ids or ())
    if not notification_ids:
        return 0
    sent = call_off(_mail_keys(notification_ids))
    db.session.execute(
        delete(Notification)
        .where(Notification.id.in_(notification_ids))
        .execution_options(synchronize_session=False)
    )
    return sent


def notify_later(user_ids, kind, idea_id=None, **params):
    """Notify many people from the worker rather than the request (a decision on an idea with
    thousands of supporters answers at once)."""
    check_kind(kind)
    if user_ids:
        queue(
            "notify_users", {"user_ids": list(user_ids), "kind": kind, "idea_id": idea_id, "params": params}
        )


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
    """The idea's page as mails and notifications link to it: on PUBLIC_URL, with its path."""
    return external_url("ideas.detail", idea_id=idea_id)


def forget_user(user_id):
    """Erase a resident's notifications and settings (their account is being deleted)."""
    for model in (Notification, NotificationSettings):
        db.session.execute(delete(model).where(model.user_id == user_id))


def purge_older_than(cutoff):
    """Delete the notifications created before `cutoff`; how many."""
    return db.session.execute(delete(Notification).where(Notification.created_at < cutoff)).rowcount
