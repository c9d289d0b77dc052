"""The immediate following emails, and the unsubscribe headers every following email carries."""

from app.core.mail import send_mail
from app.core.urls import external_url
from app.follows.tokens import unsubscribe_token
from app.notifications.messages import notification_text


def unsubscribe_headers(token):
    """RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that posts to the link."""
    return {
        "List-Unsubscribe": f"<{external_url('follows.unsubscribe', token=token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def send_follow_mail(notification):
    user = notification.user
    token = unsubscribe_token(user.id)
    send_mail(
        user.email,
        "follows/email/notification",
        user.language or "fr",
        key=f"follow-mail:{notification.id}",
        headers=unsubscribe_headers(token),
        name=user.display_name,
        title=notification.params.get("title", ""),
        text=lambda: notification_text(notification.kind, notification.params),
        url=external_url("ideas.detail", idea_id=notification.idea_id) if notification.idea_id else None,
        settings_url=external_url("follows.index"),
        unsubscribe_url=external_url("follows.unsubscribe", token=token),
    )
