"""Reporting a comment, and the moderators' decisions on comments."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.comments.models import Comment
from app.core.permissions import role_required, verified_required
from app.extensions import db
from app.moderation import comment_decisions as decisions
from app.moderation import responses
from app.moderation.blueprint import bp
from app.moderation.comment_forms import CommentReportForm
from app.moderation.forms import DecisionForm, HideForm, RejectForm, parse_version
from app.moderation.responses import finish, requested_next
from app.moderation.services import ModerationError

staff_only = role_required("moderator")


def _thread_url(comment):
    return url_for("ideas.detail", idea_id=comment.idea_id, _anchor=f"comment-{comment.id}")


@bp.route("/comments/<int:comment_id>/report", methods=["GET", "POST"])
@verified_required
def report_comment(comment_id):
    comment = db.get_or_404(Comment, comment_id)
    if comment.status != "published" or not comment.idea.is_published:
        abort(404)
    form = CommentReportForm()
    if form.validate_on_submit():
        try:
            decision = decisions.report_comment(
                comment,
                current_user,
                form.reason.data,
                form.details.data,
                threshold=current_app.config.get("REPORT_HIDE_THRESHOLD", 3),
            )
        except decisions.AlreadyReportedComment as error:
            db.session.rollback()
            flash(str(error), "info")
            return redirect(_thread_url(comment))
        except ModerationError as error:
            db.session.rollback()
            form.details.errors.append(str(error))
        else:
            finish(decision, _("Thank you: the moderators will review your report."))
            return redirect(url_for("ideas.detail", idea_id=comment.idea_id, _anchor="comments"))
    return render_template("moderation/report_comment.html", comment=comment, form=form), (
        422 if form.errors else 200
    )


# verb in the URL: (its form, the use case on (comment, form, version), what the moderator is told)
DECISIONS = {
    "hide": (
        HideForm,
        lambda c, form, v: decisions.hide_comment(c, current_user, v, form.reason.data, form.message.data),
        _l("The comment is hidden; its author has been told why."),
    ),
    "restore": (
        DecisionForm,
        lambda c, _form, v: decisions.restore_comment(c, current_user, v),
        _l("The comment is visible again."),
    ),
    "dismiss-reports": (
        DecisionForm,
        lambda c, _form, v: decisions.dismiss_comment_reports(c, current_user, v),
        _l("The reports are dismissed."),
    ),
    "approve": (
        DecisionForm,
        lambda c, _form, v: decisions.approve_comment(c, current_user, v),
        _l("The comment is published."),
    ),
    "reject": (
        RejectForm,
        lambda c, form, v: decisions.reject_comment(c, current_user, v, form.reason.data, form.message.data),
        _l("The comment is rejected; its author has been told why."),
    ),
}


@bp.post("/moderation/comments/<int:comment_id>/<verb>")
@staff_only
def decide_comment(comment_id, verb):
    if verb not in DECISIONS:
        abort(404)
    comment = db.get_or_404(Comment, comment_id)
    form_class, use_case, message = DECISIONS[verb]
    form = form_class()
    back = requested_next(url_for(".queue", type="comments"))
    return responses.decide(
        form, back, lambda: use_case(comment, form, parse_version(form.version.data)), message
    )
