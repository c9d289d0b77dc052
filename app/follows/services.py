"""Following use cases: follow, unfollow, settings, and telling followers. Flush, never commit.

Telling many people never happens in the request: `announce_*` queue a fan-out job, which
records the on-site notifications and, for replies and official answers, the immediate mails;
everything else waits for the resident's digest (app/follows/digests.py)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, text
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.core.time import utcnow
from app.extensions import db
from app.follows import queries
from app.follows.models import DIGESTS, TARGETS, Follow, FollowSettings
from app.jobs.services import queue
from app.notifications.services import notify

# Kinds mailed at once (when the resident keeps immediate mail on); the others go in the digest.
IMMEDIATE_KINDS = ("comment_reply", "followed_official_reply", "followed_public_status")
DIGEST_KINDS = ("followed_new_comment", "followed_status_change", "project_update")


class FollowRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


def _check_target(target):
    if target not in TARGETS:
        raise FollowRefused(_l("This cannot be followed."))


def follow(user, target, target_id):
    """Follow an idea, a district, a category or a créathon event; twice is a no-op."""
    _check_target(target)
    if not queries.followable(target, target_id):
        raise FollowRefused(_l("This cannot be followed."))
    try:
        with db.session.begin_nested():
            db.session.add(Follow(user_id=user.id, **{f"{target}_id": target_id}))
    except IntegrityError:
        return False
    return True


def unfollow(user, target, target_id):
    _check_target(target)
    return db.session.execute(
        delete(Follow).where(Follow.user_id == user.id, queries.target_filter(target, target_id))
    ).rowcount


def _settings_row(user_id):
    row = queries.settings_of(user_id)
    if row is None:
        row = FollowSettings(user_id=user_id, **queries.DEFAULTS)
        db.session.add(row)
    return row


def save_settings(user, digest, immediate, follow_supported):
    if digest not in DIGESTS:
        raise FollowRefused(_l("Choose how often to receive the digest."))
    row = _settings_row(user.id)
    row.digest, row.immediate, row.follow_supported = digest, bool(immediate), bool(follow_supported)
    db.session.flush()
    return row


def unsubscribe(user_id):
    """The one-click unsubscribe: no digest and no immediate mail; on-site notices stay."""
    row = _settings_row(user_id)
    row.digest, row.immediate = "never", False
    db.session.flush()
    return row


def mark_digest_sent(user_id, when):
    _settings_row(user_id).last_digest_at = when
    db.session.flush()


# One statement on the support's hot path, no read: the follow is added unless it exists or the
# resident turned "follow the ideas I support" off.
_FOLLOW_SUPPORTED = text(
    "INSERT INTO follows (user_id, idea_id, created_at)"
    " SELECT :user_id, :idea_id, :now WHERE NOT EXISTS ("
    "  SELECT 1 FROM follow_settings WHERE user_id = :user_id AND follow_supported = :off)"
    " ON CONFLICT DO NOTHING"
)


def follow_supported_idea(user, idea_id=None, **_):
    """A support follows the idea too, unless the resident turned that off."""
    if idea_id is not None:
        db.session.execute(
            _FOLLOW_SUPPORTED, {"user_id": user.id, "idea_id": idea_id, "now": utcnow(), "off": False}
        )


def tell(users, kind, idea_id, params):
    """On-site notifications now; the immediate kinds also queue their mail (settings allowing)."""
    created = notify(users, kind, idea_id, by_email=False, **params)
    if kind in IMMEDIATE_KINDS:
        quiet = queries.without_immediate_mail([n.user_id for n in created])
        for notification in created:
            if notification.user_id not in quiet:
                queue(
                    "follow_mail",
                    {"notification_id": notification.id},
                    key=f"follow-mail:{notification.id}",
                )
    return created


def announce_comment(idea, comment, parent=None):
    """A comment is public: its parent's author hears now, followers through the worker. An
    answer as the city reaches the idea's author too, like the city's official answers."""
    params = {"title": idea.title, "comment_id": comment.id}
    told = {comment.author_id}
    if parent is not None and parent.author_id not in told and parent.status == "published":
        tell([parent.author], "comment_reply", idea.id, params)
        told.add(parent.author_id)
    kind = "followed_official_reply" if comment.is_official else "followed_new_comment"
    include = [idea.author_id] if comment.is_official and idea.author_id else []
    # Like the city's answers, an answer as the city reaches the supporters too, followers or not.
    _fan_out(idea, kind, params, exclude=told, include=include, include_supporters=comment.is_official)


def announce_decision(idea, supporter_kind, params):
    """A moderator's decision or the city's answer reached the author and supporters; the other
    followers hear through the worker (the answer at once, a status change in the digest)."""
    if supporter_kind == "supported_idea_public_status":
        kind, extra = "followed_public_status", {}
    else:
        kind, extra = "followed_status_change", {"status": idea.status}
    _fan_out(idea, kind, {**params, **extra}, exclude={idea.author_id} - {None}, exclude_supporters=True)


def _fan_out(idea, kind, params, exclude=(), include=(), exclude_supporters=False, include_supporters=False):
    queue(
        "follow_fanout",
        {
            "idea_id": idea.id,
            "kind": kind,
            "params": params,
            "exclude_ids": sorted(exclude),
            "include_ids": list(include),
            "exclude_supporters": exclude_supporters,
            "include_supporters": include_supporters,
        },
    )


def fan_out(idea, payload, batch=500):
    """The worker's half of `_fan_out`: one notification per follower, in batches."""
    exclude = set(payload["exclude_ids"])
    ids = set(queries.follower_ids(idea, exclude, payload["exclude_supporters"]))
    ids |= set(payload["include_ids"]) - exclude
    if payload.get("include_supporters"):
        ids |= set(queries.supporter_ids(idea.id)) - exclude
    ids = sorted(ids)
    for start in range(0, len(ids), batch):
        users = db.session.scalars(select_users(ids[start : start + batch])).all()
        tell(users, payload["kind"], idea.id, payload["params"])
    return len(ids)


def select_users(ids):
    return db.select(User).where(User.id.in_(ids)).order_by(User.id)


def forget_user(user_id):
    """Erase what a resident follows and their choices (their account is being deleted)."""
    for model in (Follow, FollowSettings):
        db.session.execute(delete(model).where(model.user_id == user_id))
