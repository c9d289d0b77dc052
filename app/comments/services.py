"""Comment use cases, one function per verb. They flush and never commit; the view commits."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.comments import text
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
    if parent is not None:
        if parent.idea_id != idea.id:
            raise CommentRefused(_l("This comment belongs to another idea."), 422)
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
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
    if parent is not None:
        _count_reply(parent.id, +1)
    if not waits:
        published(comment)
    return comment


def published(comment):
    """A comment became public (at once, or approved by a moderator): the tally follows, and
    the people who follow the idea, or whom it answers, hear about it."""
    recount(comment.idea_id)
    parent = db.session.get(Comment, comment.parent_id) if comment.parent_id else None
    follows.announce_comment(comment.idea, comment, parent)


def _count_reply(parent_id, step):
    db.session.execute(
        update(Comment)
        .where(Comment.id == parent_id)
        .values(reply_count=Comment.reply_count + step)
        .execution_options(synchronize_session="fetch")
    )


def recount(idea_id):
    """Set the idea's tally from its published comments (after any change of one). The idea is
    locked first and counted after, as reports are: a concurrent writer of its comments, which
    recounts under the same lock, has then committed, and its comment is counted too."""
    rows_for_update(
        db.session.connection(), select(Idea.__table__.c.id).where(Idea.__table__.c.id == idea_id)
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
    idea_id = comment.idea_id
    if comment.reply_count > 0:
        comment.status, comment.body, comment.updated_at = "deleted", "", utcnow()
        db.session.flush()
    else:
        if comment.parent_id:
            _count_reply(comment.parent_id, -1)
        db.session.delete(comment)
        db.session.flush()
    recount(idea_id)


def support_comment(user, comment):
    """Support a published comment (once); returns its count of supports."""
    if comment.status != "published":
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
    result = db.session.execute(
        update(Comment)
        .where(Comment.id == comment.id, Comment.status.in_(allowed), Comment.updated_at == version)
        .values(status=status, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(comment)
    if result.rowcount != 1:
        return False
    recount(comment.idea_id)
    return True


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
        select(Comment).where(Comment.author_id == user_id, Comment.status != "deleted")
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
