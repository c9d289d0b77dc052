"""Reports on comments and the moderators' decisions on them. They flush and never commit.

The same rules as for ideas: a decision is a conditional UPDATE on the version of the comment
the moderator saw (through the comments feature, the one writer of a comment's status), every
decision goes to the audit log, and the author is told why in their language."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.comments import services as comments
from app.comments.models import Comment
from app.extensions import db
from app.moderation.comment_models import CommentReport
from app.moderation.models import HIDE_REASONS, REJECT_REASONS, REPORT_REASONS, ModerationAction
from app.moderation.services import AlreadyDecided, Decision, ModerationError, log_action
from app.notifications.services import notify


class AlreadyReportedComment(ModerationError):
    def __init__(self):
        super().__init__(_l("You have already reported this comment; moderators will review it."))


def _last_decider_name(comment_id):
    return db.session.scalar(
        select(User.display_name)
        .join(ModerationAction, ModerationAction.actor_id == User.id)
        .where(ModerationAction.comment_id == comment_id)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )


def _last_action(comment_id):
    return db.session.scalar(
        select(ModerationAction.action)
        .where(ModerationAction.comment_id == comment_id)
        .order_by(ModerationAction.id.desc())
        .limit(1)
    )


def _decide(comment, version, allowed, status):
    if not comments.change_status(comment, version, allowed, status):
        raise AlreadyDecided(_last_decider_name(comment.id))


def _open_reports(comment_id):
    return db.session.scalar(
        select(func.count(CommentReport.id)).where(
            CommentReport.comment_id == comment_id, CommentReport.status == "open"
        )
    )


def _close_reports(comment, status):
    db.session.execute(
        update(CommentReport)
        .where(CommentReport.comment_id == comment.id, CommentReport.status == "open")
        .values(status=status)
        .execution_options(synchronize_session=False)
    )
    comments.set_open_reports(comment, 0)


def _tell_author(comment, kind, **params):
    return notify([comment.author], kind, comment.idea_id, title=comment.idea.title, **params)


def _log(moderator, action, comment, **fields):
    return log_action(moderator, action, comment_id=comment.id, target_user_id=comment.author_id, **fields)


def report_comment(comment, reporter, reason, details=None, threshold=3):
    """Record a report; at `threshold` open reports a published comment is hidden until reviewed.

    The thread is locked first: concurrent reports take turns, each counts the reports committed
    before it, and exactly one of them crosses the threshold and hides the comment."""
    if not reporter.is_verified or reporter.is_blocked:
        raise ModerationError(_l("Only residents with a confirmed email address can report a comment."))
    if reason not in REPORT_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    if reason == "other" and not (details or "").strip():
        raise ModerationError(_l("Explain the problem in a few words."))
    comments.lock_idea(comment.idea_id)
    db.session.refresh(comment)
    # As for ideas, a report that arrives just after the threshold hid the comment still counts.
    if comment.status not in ("published", "hidden"):
        raise ModerationError(_l("Only published comments can be reported."))
    if comment.author_id == reporter.id:
        raise ModerationError(_l("You cannot report your own comment."))
    try:
        with db.session.begin_nested():
            db.session.add(
                CommentReport(
                    comment_id=comment.id,
                    reporter_id=reporter.id,
                    reason=reason,
                    details=(details or "").strip() or None,
                )
            )
    except IntegrityError:
        raise AlreadyReportedComment() from None
    count = _open_reports(comment.id)
    comments.set_open_reports(comment, count)
    if count < threshold or not comments.change_status(comment, comment.updated_at, ("published",), "hidden"):
        return Decision(None, [])
    _log(None, "auto_hide_comment", comment, reason=reason, after={"open_reports": count})
    return Decision(None, _tell_author(comment, "comment_auto_hidden"))


def hide_comment(comment, moderator, version, reason, message=None):
    if reason not in HIDE_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    _decide(comment, version, ("published", "pending"), "hidden")
    _close_reports(comment, "upheld")
    _log(moderator, "hide_comment", comment, reason=reason, message=message or None)
    return Decision(None, _tell_author(comment, "comment_hidden", reason=reason, message=message or ""))


def restore_comment(comment, moderator, version):
    _decide(comment, version, ("hidden",), "published")
    _close_reports(comment, "dismissed")
    _log(moderator, "restore_comment", comment)
    return Decision(None, _tell_author(comment, "comment_restored"))


def dismiss_comment_reports(comment, moderator, version):
    """Close the open reports as unfounded; a comment hidden by the threshold comes back."""
    if not _open_reports(comment.id):
        raise ModerationError(_l("This comment has no open reports."))
    auto_hidden = comment.status == "hidden" and _last_action(comment.id) == "auto_hide_comment"
    _decide(comment, version, (comment.status,), "published" if auto_hidden else comment.status)
    _close_reports(comment, "dismissed")
    _log(moderator, "dismiss_comment_reports", comment)
    sent = _tell_author(comment, "comment_restored") if auto_hidden else []
    return Decision(None, sent)


def approve_comment(comment, moderator, version):
    """Publish a comment that waited under pre-moderation; followers hear about it then."""
    _decide(comment, version, ("pending",), "published")
    _log(moderator, "approve_comment", comment)
    comments.published(comment)
    return Decision(None, _tell_author(comment, "comment_published"))


def reject_comment(comment, moderator, version, reason, message=None):
    if reason not in REJECT_REASONS:
        raise ModerationError(_l("Choose a reason from the list."))
    _decide(comment, version, ("pending",), "rejected")
    _log(moderator, "reject_comment", comment, reason=reason, message=message or None)
    return Decision(None, _tell_author(comment, "comment_rejected", reason=reason, message=message or ""))


def withdraw_open_comment_reports(reporter_id):
    """Remove a resident's open reports on comments (their account is being deleted); each
    comment's count of open reports follows."""
    comment_ids = db.session.scalars(
        select(CommentReport.comment_id).where(
            CommentReport.reporter_id == reporter_id, CommentReport.status == "open"
        )
    ).all()
    db.session.execute(
        delete(CommentReport).where(CommentReport.reporter_id == reporter_id, CommentReport.status == "open")
    )
    for comment in db.session.scalars(select(Comment).where(Comment.id.in_(comment_ids))).all():
        comments.set_open_reports(comment, _open_reports(comment.id))
