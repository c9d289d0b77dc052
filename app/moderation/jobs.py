"""Moderation work done by the worker: telling an idea's supporters about a decision."""

from app.jobs.registry import handler
from app.moderation.queries import supporters_to_notify
from app.notifications.services import notify


@handler("notify_supporters")
def notify_supporters(payload):
    supporters = supporters_to_notify(payload["idea_id"], exclude_id=payload["exclude_id"])
    notify(supporters, payload["kind"], payload["idea_id"], **payload["params"])
