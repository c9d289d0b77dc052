"""The follow buttons other features' pages show, and the menu link."""

from flask import request
from flask_login import current_user

from app.follows import queries


def idea_follow_partial(idea, **_):
    """On the idea page: follow the idea, its district, its category."""
    if not idea.is_published:
        return None
    targets = [("idea", idea.id), ("category", idea.category_id)]
    if idea.district_id:
        targets.append(("district", idea.district_id))
    followed = queries.followed_targets(current_user.id, targets) if current_user.is_authenticated else set()
    return {"follow_targets": targets, "followed": followed, "follow_next": request.full_path}


def event_follow_partial(event, **_):
    followed = set()
    if current_user.is_authenticated:
        followed = queries.followed_targets(current_user.id, [("event", event.id)])
    return {"follow_targets": [("event", event.id)], "followed": followed, "follow_next": request.full_path}


def nav_partial(**_):
    return {} if current_user.is_authenticated else None
