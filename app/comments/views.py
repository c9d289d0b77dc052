"""Posting, replying, editing, deleting and supporting comments (plain forms, or JSON for the
script that posts in place)."""

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from limits import parse_many

from app.comments import services
from app.comments.blueprint import bp
from app.comments.context import comment_helpers, reply_count_label
from app.comments.forms import CommentForm, EditCommentForm
from app.comments.models import Comment
from app.core.errors import render_error, wants_json
from app.core.permissions import verified_required
from app.core.urls import safe_next
from app.extensions import db, limiter
from app.ideas.models import Idea

SCOPE = "comment-post"


def _back(idea_id, anchor=None):
    default = url_for("ideas.detail", idea_id=idea_id)
    target = safe_next(request.form.get("next"), default)
    return f"{target}#{anchor}" if anchor else target


def _refuse(message, status, idea_id):
    db.session.rollback()
    if wants_json():
        return jsonify(error="refused", message=str(message)), status
    flash(str(message), "error")
    return redirect(_back(idea_id, "comments"))


def _over_limit(user):
    """Counts this attempt against RATELIMIT_COMMENT; True when the resident is over it."""
    setting = current_app.config.get("RATELIMIT_COMMENT")
    if not (setting and current_app.config.get("RATELIMIT_ENABLED") and limiter.enabled):
        return False
    return not all(limiter.limiter.hit(item, SCOPE, str(user.id)) for item in parse_many(setting))


def _rendered(comment):
    return render_template(
        "comments/_comment.html",
        comment=comment,
        replies=[],
        supported=set(),
        may_comment=True,
        is_staff=current_user.is_staff,
        thread_path=safe_next(request.form.get("next"), url_for("ideas.detail", idea_id=comment.idea_id)),
        **comment_helpers(),
    )


@bp.post("/ideas/<int:idea_id>/comments")
@verified_required
def post(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    form = CommentForm()
    if not form.validate_on_submit():
        message = next((errors[0] for errors in form.errors.values()), _("Check the form and try again."))
        return _refuse(message, 422, idea.id)
    if _over_limit(current_user):
        return _refuse(
            _("You are commenting very fast. Wait a few minutes before posting again."), 429, idea.id
        )
    parent = None
    if form.parent_id.data:
        parent = db.session.get(Comment, int(form.parent_id.data)) if form.parent_id.data.isdigit() else None
        if parent is None:
            return _refuse(_("This comment no longer exists."), 404, idea.id)
    try:
        comment = services.post_comment(
            current_user,
            idea,
            form.body.data,
            stance=form.stance.data,
            parent=parent,
            language=form.language.data,
            official=form.official.data,
            premoderation=current_app.config["COMMENTS_PREMODERATION"],
        )
    except services.CommentRefused as refusal:
        return _refuse(refusal, refusal.status, idea.id)
    db.session.commit()
    if comment.status == "pending":
        message = _("Thank you: your comment will appear once a moderator has read it.")
    elif comment.parent_id:
        message = _("Your reply is published.")
    else:
        message = _("Your comment is published.")
    if wants_json():
        return jsonify(
            html=_rendered(comment),
            message=message,
            parent_id=comment.parent_id,
            id=comment.id,
            replies=reply_count_label(db.session.get(Comment, comment.parent_id))
            if comment.parent_id
            else None,
        )
    flash(message, "success")
    return redirect(_back(idea.id, f"comment-{comment.id}"))


def _own(comment_id):
    comment = db.get_or_404(Comment, comment_id)
    if comment.author_id != current_user.id:
        return comment, render_error(403)
    return comment, None


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@verified_required
def edit(comment_id):
    comment, refused = _own(comment_id)
    if refused:
        return refused
    minutes = current_app.config["COMMENT_EDIT_MINUTES"]
    form = EditCommentForm(data={"body": comment.body, "stance": comment.stance or ""})
    back = url_for("ideas.detail", idea_id=comment.idea_id)
    if not services.can_edit(current_user, comment, minutes):
        flash(_("Comments can be edited for %(minutes)s minutes after posting.", minutes=minutes), "error")
        return redirect(f"{back}#comment-{comment.id}")
    if form.validate_on_submit():
        try:
            services.edit_comment(current_user, comment, form.body.data, form.stance.data, minutes)
        except services.CommentRefused as refusal:
            db.session.rollback()
            form.body.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Your comment is changed."), "success")
            return redirect(f"{back}#comment-{comment.id}")
    status = 422 if form.errors else 200
    return render_template("comments/edit.html", form=form, comment=comment, minutes=minutes), status


@bp.post("/comments/<int:comment_id>/delete")
@verified_required
def delete(comment_id):
    comment, refused = _own(comment_id)
    if refused:
        return refused
    idea_id = comment.idea_id
    try:
        services.delete_comment(current_user, comment)
    except services.CommentRefused as refusal:
        return _refuse(refusal, refusal.status, idea_id)
    db.session.commit()
    flash(_("Your comment is deleted."), "success")
    return redirect(_back(idea_id, "comments"))


def _support(comment_id, service, message):
    comment = db.get_or_404(Comment, comment_id)
    try:
        count = service(current_user, comment)
    except services.CommentRefused as refusal:
        return _refuse(refusal, refusal.status, comment.idea_id)
    db.session.commit()
    if wants_json():
        return jsonify(count=count, message=message)
    flash(message, "success")
    return redirect(_back(comment.idea_id, f"comment-{comment.id}"))


@bp.post("/comments/<int:comment_id>/support")
@verified_required
def support(comment_id):
    return _support(comment_id, services.support_comment, _("You support this comment."))


@bp.post("/comments/<int:comment_id>/unsupport")
@verified_required
def unsupport(comment_id):
    return _support(comment_id, services.withdraw_support, _("You no longer support this comment."))
