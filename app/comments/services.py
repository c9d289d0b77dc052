"""Comment use cases, one function per verb. They flush and never commit; the view commits."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from app.comments import queries, text
from app.comments.models import STANCES, Comment, CommentSupport, CommentTally
from app.core.database import rows_for_update
from app.core.time import utcnow
from app.extensions import db
from app.follows import services as follows
from app.ideas.models import Idea

MIN_LENGTH = 2
LANGUAGES = ("fr", "ar", "en")


class CommentRefused(Exception):
    """A comment action refused; the message is translated, `status` the HTTP status."""

    def __init__(self, message, status=409):
        super().__init__(message)
        self.message, self.status = message, status

    def __str__(self):
        return str(self.message)


def ensure_can_comment(user, idea):
    if user.is_blocked:
        raise CommentRefused(_l("Your account cannot comment."), 403)
    if not user.is_verified:
        raise CommentRefused(_l("Confirm your email address before commenting."), 403)
    if not idea.is_published:
        raise CommentRefused(_l("This idea is no longer published: it cannot receive comments."))


def _checked_body(body):
    body = text.normalise(body)
    if len(body) < MIN_LENGTH:
        raise CommentRefused(_l("Write your comment (at least 2 characters)."), 422)
    if len(body) > text.MAX_LENGTH:
        raise CommentRefused(_l("Keep your comment under 3,000 characters."), 422)
    return body


def _checked_stance(stance):
    if stance in (None, ""):
        return None
    if stance not in STANCES:
        raise CommentRefused(_l("Choose for, against or neutral, or nothing."), 422)
    return stance


def _language(body, declared, fallback):
    return declared if declared in LANGUAGES else text.detect_language(body, fallback)


def post_comment(
    user, idea, body, stance=None, parent=None, language=None, official=False, premoderation=False
):
    """A comment on a published idea, or a reply to one of its comments (a reply to a reply
    joins the same thread: one level). Staff may reply as the city (`official`). Under
    pre-moderation a resident's comment waits for a moderator before anyone else sees it."""
    ensure_can_comment(user, idea)
    body, stance = _checked_body(body), _checked_stance(stance)
    if official and not user.is_staff:
        raise CommentRefused(_l("Only moderators can answer as the city."), 403)
    lock_idea(idea.id)
    if parent is not None:
        if parent.idea_id != idea.id:
            raise CommentRefused(_l("This comment belongs to another idea."), 422)
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
        db.session.refresh(parent, ["status"])
        if parent.status != "published":
            raise CommentRefused(_l("This comment can no longer receive replies."))
    waits = premoderation and not user.is_staff
    comment = Comment(
        idea_id=idea.id,
        parent_id=parent.id if parent is not None else None,
        author_id=user.id,
        body=body,
        stance=stance,
        language=_language(body, language, user.language),
        is_official=bool(official),
        status="pending" if waits else "published",
    )
    db.session.add(comment)
    db.session.flush()
    if not waits:
        published(comment)
    return comment


def published(comment):
    """A comment became public (at once, or approved by a moderator): the counts follow, and
    the people who follow the idea, or whom it answers, hear about it."""
    recount(comment.idea_id, comment.parent_id)
    parent = db.session.get(Comment, comment.parent_id) if comment.parent_id else None
    follows.announce_comment(comment.idea, comment, parent)


def lock_idea(idea_id):
    """Every writer of an idea's comments (posting, deleting, moderating, reporting) takes the
    idea's row first and its comments' rows after: the writers of one thread take turns in one
    order (no deadlock), and each counts what the writers before it committed."""
    rows_for_update(
        db.session.connection(), select(Idea.__table__.c.id).where(Idea.__table__.c.id == idea_id)
    )


def _published_replies(parent_id):
    reply = aliased(Comment)
    return (
        select(func.count())
        .where(reply.parent_id == parent_id, reply.status == "published")
        .scalar_subquery()
    )


def recount(idea_id, parent_id=None):
    """Set the idea's tally from its published comments, and the reply count of `parent_id`
    from its published replies (after any change of one): residents read "3 replies" only of
    replies they can see. Counted under the idea's lock, in statements run after it: a
    concurrent writer of the thread has then committed, and its comment is counted too."""
    lock_idea(idea_id)
    if parent_id is not None:
        db.session.execute(
            update(Comment)
            .where(Comment.id == parent_id)
            .values(reply_count=_published_replies(parent_id))
            .execution_options(synchronize_session="fetch")
        )
    stance = Comment.stance
    row = db.session.execute(
        select(
            func.count(),
            func.sum(case((stance == "for", 1), else_=0)),
            func.sum(case((stance == "against", 1), else_=0)),
            func.sum(case((stance == "neutral", 1), else_=0)),
        ).where(Comment.idea_id == idea_id, Comment.status == "published")
    ).one()
    tally = db.session.get(CommentTally, idea_id)
    if tally is None:
        tally = CommentTally(idea_id=idea_id)
        db.session.add(tally)
    tally.total, tally.for_count, tally.against_count, tally.neutral_count = (int(v or 0) for v in row)
    db.session.flush()
    return tally


def repair_reply_counts():
    """Set every drifting reply count from the comment's published replies, under its idea's
    lock (the ideas taken in order, as writers of threads would); returns how many changed."""
    drifting = queries.reply_count_drift(limit=None)
    for idea_id in sorted({row.idea_id for row in drifting}):
        lock_idea(idea_id)
    for comment_id, *_rest in drifting:
        db.session.execute(
            update(Comment)
            .where(Comment.id == comment_id)
            .values(reply_count=_published_replies(comment_id))
            .execution_options(synchronize_session=False)
        )
    return len(drifting)


def repair_support_counts():
    """Set every drifting comment's `support_count` to its support rows; returns how many
    changed. The comments are locked first and counted after: a support committed meanwhile is
    counted, and one that starts waits for the repair and adds itself to the repaired count."""
    drifting = [row.id for row in queries.support_count_drift(limit=None)]
    if drifting:
        rows_for_update(
            db.session.connection(), select(Comment.id).where(Comment.id.in_(drifting)).order_by(Comment.id)
        ).all()
        rows = select(func.count()).where(CommentSupport.comment_id == Comment.id).scalar_subquery()
        db.session.execute(
            update(Comment)
            .where(Comment.id.in_(drifting))
            .values(support_count=rows)
            .execution_options(synchronize_session=False)
        )
    return len(drifting)


def repair_tallies():
    """Recount the tally of every idea whose tally drifts (each under its idea's lock)."""
    drifting = [idea_id for idea_id, _kept, _counted in queries.tally_drift(limit=None)]
    for idea_id in drifting:
        recount(idea_id)
    return len(drifting)


def can_edit(user, comment, minutes, now=None):
    """Authors edit their comment for `minutes` after posting it, while it is shown or waiting."""
    return (
        user is not None
        and getattr(user, "is_authenticated", True)
        and comment.author_id == user.id
        and comment.status in ("published", "pending")
        and (now or utcnow()) - comment.created_at <= timedelta(minutes=minutes)
    )


def edit_comment(user, comment, body, stance, minutes, now=None):
    """Change the text or stance within the edit window; the comment then shows "edited"."""
    if comment.author_id != user.id:
        raise CommentRefused(_l("You can only edit your own comments."), 403)
    if not can_edit(user, comment, minutes, now):
        raise CommentRefused(
            _l("Comments can be edited for %(minutes)s minutes after posting.", minutes=minutes)
        )
    body, stance = _checked_body(body), _checked_stance(stance)
    if body == comment.body and stance == comment.stance:
        return comment
    lock_idea(comment.idea_id)
    comment.body, comment.stance = body, stance
    comment.language = text.detect_language(body, comment.language or user.language)
    comment.edited_at = comment.updated_at = now or utcnow()
    db.session.flush()
    recount(comment.idea_id)
    return comment


def delete_comment(user, comment):
    """The author removes their comment. One with replies leaves "comment deleted" in its place
    (its text is erased) so that the replies keep their sense; any other is removed."""
    if comment.author_id != user.id:
        raise CommentRefused(_l("You can only delete your own comments."), 403)
    if comment.status == "deleted":
        raise CommentRefused(_l("This comment is already deleted."))
    idea_id, parent_id = comment.idea_id, comment.parent_id
    lock_idea(idea_id)
    # Any reply keeps the placeholder, even one hidden or waiting: a moderator may still show it.
    if db.session.scalar(select(Comment.id).where(Comment.parent_id == comment.id).limit(1)):
        comment.status, comment.body, comment.updated_at = "deleted", "", utcnow()
        db.session.flush()
    else:
        db.session.delete(comment)
        db.session.flush()
    recount(idea_id, parent_id)


def support_comment(user, comment):
    """Support a published comment of a published idea (once); returns its count of supports."""
    if comment.status != "published" or not comment.idea.is_published:
        raise CommentRefused(_l("This comment cannot be supported."))
    if not user.is_verified or user.is_blocked:
        raise CommentRefused(_l("Confirm your email address before supporting comments."), 403)
    if comment.author_id == user.id:
        raise CommentRefused(_l("You cannot support your own comment."))
    try:
        with db.session.begin_nested():
            db.session.add(CommentSupport(comment_id=comment.id, user_id=user.id))
    except IntegrityError:
        return comment.support_count
    return _move_supports(comment, +1)


def withdraw_support(user, comment):
    removed = db.session.execute(
        delete(CommentSupport).where(
            CommentSupport.comment_id == comment.id, CommentSupport.user_id == user.id
        )
    ).rowcount
    return _move_supports(comment, -1) if removed else comment.support_count


def _move_supports(comment, step):
    db.session.execute(
        update(Comment)
        .where(Comment.id == comment.id)
        .values(support_count=Comment.support_count + step)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(comment, ["support_count"])
    return comment.support_count


def change_status(comment, version, allowed, status):
    """Move a comment to `status` only if it still has one of the `allowed` statuses and the
    version (`updated_at`) the moderator saw; False when someone changed it meanwhile. The
    single write path of moderation on comments."""
    if version is None:
        return False
    lock_idea(comment.idea_id)
    result = db.session.execute(
        update(Comment)
        .where(Comment.id == comment.id, Comment.status.in_(allowed), Comment.updated_at == version)
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(comment)
    if result.rowcount != 1:
        return False
    recount(comment.idea_id, comment.parent_id)
    return True


def hide_waiting_comments(user_id):
    """The author is blocked: their comments waiting for a moderator are hidden, as their waiting
    ideas are (a moderator may still restore one). Returns their ids."""
    waiting = db.session.scalars(
        select(Comment)
        .where(Comment.author_id == user_id, Comment.status == "pending")
        .order_by(Comment.idea_id, Comment.id)
    ).all()
    return [c.id for c in waiting if change_status(c, c.updated_at, ("pending",), "hidden")]


def set_open_reports(comment, count):
    """The comment's number of open reports (kept by moderation's reporting of comments)."""
    db.session.execute(
        update(Comment)
        .where(Comment.id == comment.id)
        .values(open_reports=count)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(comment, ["open_reports"])


def forget_author(user_id):
    """A resident's account is being deleted: their comments go (those with replies leave
    "comment deleted"), and their supports of comments are withdrawn with the counters."""
    for comment in db.session.scalars(
        select(Comment)
        .where(Comment.author_id == user_id, Comment.status != "deleted")
        .order_by(Comment.idea_id, Comment.id)
    ).all():
        delete_comment(comment.author, comment)
    supported = db.session.scalars(
        select(CommentSupport.comment_id).where(CommentSupport.user_id == user_id)
    ).all()
    if supported:
        db.session.execute(delete(CommentSupport).where(CommentSupport.user_id == user_id))
        db.session.execute(
            update(Comment)
            .where(Comment.id.in_(supported))
            .values(support_count=Comment.support_count - 1)
            .execution_options(synchronize_session=False)
        )
