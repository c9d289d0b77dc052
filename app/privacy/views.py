"""The privacy notice, its acceptance at sign-in, the export of one's data and account deletion."""

from datetime import date

from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user, user_loaded_from_cookie, user_logged_in

from app.accounts.signals import account_registered
from app.core.urls import safe_next
from app.extensions import db, limiter
from app.ideas import services as idea_services
from app.privacy import mails, services
from app.privacy.blueprint import bp
from app.privacy.export import archive_chunks
from app.privacy.forms import KEEP, AcceptNoticeForm, DeleteAccountForm, DeleteByLinkForm, DeleteConfirmForm

# Set at sign-in when the resident has not accepted the current notice; cleared on acceptance.
ACCEPT_KEY = "privacy_accept"
# Pages open to a resident who has not accepted the new notice yet: reading it, accepting it,
# leaving, and taking or erasing their data, which no notice may hold hostage.
NOT_GATED = frozenset(
    {
        "static",
        "privacy.notice",
        "privacy.accept",
        "privacy.export",
        "privacy.delete",
        "privacy.delete_link",
        "privacy.delete_by_link",
        "accounts.logout",
    }
)


def _me():
    return current_user._get_current_object()


@account_registered.connect
def _record_registration_consent(user, **_extra):
    # The registration form cannot be sent without ticking the notice: it is accepted now.
    services.accept_notice(user)


@user_logged_in.connect
@user_loaded_from_cookie.connect
def _check_notice_at_sign_in(_app, user, **_extra):
    if user.is_deleted or services.has_accepted(user):
        session.pop(ACCEPT_KEY, None)
    else:
        session[ACCEPT_KEY] = services.current_version()


@bp.before_app_request
def _ask_acceptance():
    if ACCEPT_KEY not in session or request.endpoint in NOT_GATED:
        return None
    if not current_user.is_authenticated:
        session.pop(ACCEPT_KEY, None)
        return None
    return redirect(url_for("privacy.accept", next=request.full_path.rstrip("?")), 303)


@bp.get("/privacy")
def notice():
    return render_template("privacy/notice.html", config=current_app.config)


@bp.route("/privacy/accept", methods=["GET", "POST"])
@login_required
def accept():
    form = AcceptNoticeForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if form.validate_on_submit():
        services.accept_notice(_me())
        db.session.commit()
        session.pop(ACCEPT_KEY, None)
        flash(_("Thank you. You accepted the privacy notice."), "success")
        return redirect(safe_next(form.next.data) or url_for("core.home"))
    return render_template("privacy/accept.html", form=form, version=services.current_version())


@bp.get("/account/export")
@login_required
def export():
    user = _me()
    chunks = archive_chunks(user, current_app.config["UPLOAD_DIR"])
    filename = f"agora-my-data-{date.today().isoformat()}.zip"
    return Response(
        stream_with_context(chunks),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


def _deleted(user, keep_ideas):
    photos, _name = services.delete_account(user, keep_ideas)
    db.session.commit()
    for photo in photos:
        idea_services.discard_photo(current_app.config["UPLOAD_DIR"], photo)
    if current_user.is_authenticated and current_user.id == user.id:
        logout_user()
    session.pop(ACCEPT_KEY, None)
    flash(_("Your account is deleted. Thank you for taking part."), "success")
    return redirect(url_for("core.home"))


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.check_deletion_password(_me(), form.password.data)
        except services.PrivacyError as error:
            form.password.errors.append(str(error))
        else:
            return _deleted(_me(), form.ideas.data == KEEP)
    status = 400 if form.errors else 200
    return render_template(
        "privacy/delete.html", form=form, link_form=DeleteByLinkForm(formdata=None)
    ), status


@bp.post("/account/delete/link")
@login_required
@limiter.limit(lambda: current_app.config["RATELIMIT_RESET"])
def delete_link():
    form = DeleteByLinkForm()
    if form.validate_on_submit():
        mails.send_deletion_link(_me(), services.deletion_token(_me()))
        db.session.commit()
        flash(
            _(
                "We sent a confirmation link to %(email)s. Open it to delete your account.",
                email=current_user.email,
            ),
            "info",
        )
    return redirect(url_for("privacy.delete"))


@bp.route("/account/delete/<token>", methods=["GET", "POST"])
def delete_by_link(token):
    try:
        user = services.user_for_deletion(token)
    except services.PrivacyError as error:
        return render_template("privacy/link_problem.html", message=str(error)), 400
    form = DeleteConfirmForm()
    if form.validate_on_submit():
        return _deleted(user, form.ideas.data == KEEP)
    return render_template("privacy/delete_confirm.html", form=form, user=user)
