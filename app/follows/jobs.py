"""Following work done by the worker: the fan-out to followers, immediate mails, digests."""

from datetime import datetime

from app.extensions import db
from app.follows import digests, queries
from app.follows.mails import send_follow_mail
from app.follows.services import fan_out
from app.ideas.models import Idea
from app.jobs.registry import handler
from app.notifications.models import Notification


@handler("follow_fanout")
def follow_fanout(payload):
    idea = db.session.get(Idea, payload["idea_id"])
    if idea is not None:
        fan_out(idea, payload)


@handler("follow_mail")
def follow_mail(payload):
    notification = db.session.get(Notification, payload["notification_id"])
    if notification is None:
        return
    user = notification.user
    if not user.email or user.is_blocked or not queries.setting(user.id, "immediate"):
        return
    send_follow_mail(notification)


@handler("follow_digest")
def follow_digest(payload):
    digests.send_digest(payload["user_id"], payload["frequency"], datetime.fromisoformat(payload["now"]))
