"""The daily and weekly digests: what happened on what a resident follows, in one email."""

from datetime import timedelta

from app.accounts.models import User
from app.core.mail import send_mail
from app.core.urls import external_url
from app.extensions import db
from app.follows import queries, services
from app.follows.mails import unsubscribe_headers
from app.follows.tokens import unsubscribe_token
from app.jobs.services import queue
from app.notifications.messages import notification_text

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def _since(user_id, frequency, now):
    last = queries.setting(user_id, "last_digest_at")
    start = now - PERIODS[frequency]
    return max(last, start) if last else start


def send_digest(user_id, frequency, now):
    """Mail the resident what their followed things brought since their last digest (at most one
    period back); True when a mail left. Nothing to tell, or another frequency chosen: no mail."""
    user = db.session.get(User, user_id)
    if user is None or not user.email or user.is_blocked:
        return False
    if queries.setting(user_id, "digest") != frequency:
        return False
    items = queries.digest_notifications(user_id, services.DIGEST_KINDS, _since(user_id, frequency, now), now)
    if not items:
        return False
    token = unsubscribe_token(user.id)
    send_mail(
        user.email,
        "follows/email/digest",
        user.language or "fr",
        key=f"digest:{frequency}:{user.id}:{now:%Y-%m-%dT%H:%M}",
        headers=unsubscribe_headers(token),
        name=user.display_name,
        frequency=frequency,
        items=items,
        text=notification_text,
        idea_url=lambda idea_id: external_url("ideas.detail", idea_id=idea_id),
        project_url=lambda project_id: external_url("projects.detail", project_id=project_id),
        settings_url=external_url("follows.index"),
        unsubscribe_url=external_url("follows.unsubscribe", token=token),
    )
    services.mark_digest_sent(user.id, now)
    return True


def recipients(frequency, now):
    return queries.digest_recipient_ids(frequency, services.DIGEST_KINDS, now - PERIODS[frequency])


def queue_digests(frequency, now):
    """One job per resident (the timetable's way): a slow mail server delays nobody else, and a
    digest tried again is keyed to its slot, so it is never sent twice."""
    user_ids = recipients(frequency, now)
    for user_id in user_ids:
        queue(
            "follow_digest",
            {"user_id": user_id, "frequency": frequency, "now": now.isoformat()},
            key=f"digest:{frequency}:{user_id}:{now:%Y-%m-%dT%H:%M}",
        )
    return len(user_ids)


def daily_digest(now):
    queue_digests("daily", now)


def weekly_digest(now):
    queue_digests("weekly", now)
