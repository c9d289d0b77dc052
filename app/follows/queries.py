"""Read-only questions about follows: who follows an idea, what a resident follows, settings."""

from sqlalchemy import exists, or_, select

from app.accounts.models import User
from app.creathon.models import Event, Outcome
from app.extensions import db
from app.follows.models import Follow, FollowSettings
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, District, Idea
from app.notifications.models import Notification
from app.votes.models import Vote

DEFAULTS = {"digest": "weekly", "immediate": True, "follow_supported": True, "last_digest_at": None}


_TARGET_MODELS = {"idea": Idea, "district": District, "category": Category, "event": Event}


def followable(target, target_id):
    """Whether `target_id` names a thing that can be followed: a district, a category or an
    event that exists, or a published idea (another's waiting or hidden idea stays private)."""
    model = _TARGET_MODELS[target]
    stmt = select(model.id).where(model.id == target_id)
    if target == "idea":
        stmt = stmt.where(Idea.status == IdeaStatus.PUBLISHED.value)
    return db.session.scalar(stmt) is not None


def target_filter(target, target_id):
    return getattr(Follow, f"{target}_id") == target_id


def is_following(user_id, target, target_id):
    return (
        db.session.scalar(
            select(Follow.id).where(Follow.user_id == user_id, target_filter(target, target_id))
        )
        is not None
    )


def followed_targets(user_id, pairs):
    """Of `pairs` [(target, id)], those the user follows, in one query."""
    if not pairs:
        return set()
    clauses = [target_filter(target, target_id) for target, target_id in pairs]
    rows = db.session.execute(
        select(Follow.idea_id, Follow.district_id, Follow.category_id, Follow.event_id).where(
            Follow.user_id == user_id, or_(*clauses)
        )
    )
    found = set()
    for row in rows:
        for target, value in zip(("idea", "district", "category", "event"), row, strict=True):
            if value is not None:
                found.add((target, value))
    return found


def follows_of(user_id):
    """What the user follows, newest first: (Follow, the followed object)."""
    follows = db.session.scalars(
        select(Follow).where(Follow.user_id == user_id).order_by(Follow.created_at.desc(), Follow.id.desc())
    ).all()
    models = {"idea": Idea, "district": District, "category": Category, "event": Event}
    listed = []
    for follow in follows:
        for target, model in models.items():
            target_id = getattr(follow, f"{target}_id")
            if target_id is not None:
                listed.append((target, follow, db.session.get(model, target_id)))
    return listed


def settings_of(user_id):
    """The user's settings row, or None (the defaults apply)."""
    return db.session.get(FollowSettings, user_id)


def setting(user_id, name):
    row = settings_of(user_id)
    return DEFAULTS[name] if row is None else getattr(row, name)


def without_immediate_mail(user_ids):
    """Of `user_ids`, those who turned immediate mail off, in one query (a fan-out's batch)."""
    if not user_ids:
        return set()
    return set(
        db.session.scalars(
            select(FollowSettings.user_id).where(
                FollowSettings.user_id.in_(user_ids), FollowSettings.immediate.is_(False)
            )
        )
    )


def event_of(idea_id):
    return db.session.scalar(select(Outcome.event_id).where(Outcome.idea_id == idea_id))


def follower_ids(idea, exclude_ids=(), exclude_supporters=False):
    """Residents who follow the idea, its district, its category or its créathon event; not
    blocked nor deleted. `exclude_supporters`: those the supporters' notices already reach."""
    targets = [Follow.idea_id == idea.id, Follow.category_id == idea.category_id]
    if idea.district_id:
        targets.append(Follow.district_id == idea.district_id)
    event_id = event_of(idea.id)
    if event_id:
        targets.append(Follow.event_id == event_id)
    stmt = (
        select(Follow.user_id)
        .join(User, User.id == Follow.user_id)
        .where(or_(*targets), User.is_blocked.is_(False), User.deleted_at.is_(None))
        .distinct()
    )
    if exclude_ids:
        stmt = stmt.where(Follow.user_id.not_in(list(exclude_ids)))
    if exclude_supporters:
        stmt = stmt.where(~exists().where(Vote.user_id == Follow.user_id, Vote.idea_id == idea.id))
    return db.session.scalars(stmt.order_by(Follow.user_id)).all()


def supporter_ids(idea_id):
    """Residents who support the idea; not blocked nor deleted."""
    return db.session.scalars(
        select(Vote.user_id)
        .join(User, User.id == Vote.user_id)
        .where(Vote.idea_id == idea_id, User.is_blocked.is_(False), User.deleted_at.is_(None))
        .order_by(Vote.user_id)
    ).all()


def digest_notifications(user_id, kinds, since, until):
    return db.session.scalars(
        select(Notification)
        .where(
            Notification.user_id == user_id,
            Notification.kind.in_(kinds),
            Notification.created_at > since,
            Notification.created_at <= until,
        )
        .order_by(Notification.created_at, Notification.id)
    ).all()


def digest_recipient_ids(frequency, kinds, since):
    """Residents on this digest `frequency` with something to read since `since`."""
    chosen = FollowSettings.digest == frequency
    if frequency == "weekly":
        chosen = or_(chosen, FollowSettings.user_id.is_(None))
    return db.session.scalars(
        select(Notification.user_id)
        .join(User, User.id == Notification.user_id)
        .outerjoin(FollowSettings, FollowSettings.user_id == Notification.user_id)
        .where(
            Notification.kind.in_(kinds),
            Notification.created_at > since,
            chosen,
            User.email.is_not(None),
            User.is_blocked.is_(False),
        )
        .distinct()
        .order_by(Notification.user_id)
    ).all()
