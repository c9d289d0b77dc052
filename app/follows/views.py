"""Follow and unfollow, the resident's following page and settings, one-click unsubscribe."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.models import User
from app.core.urls import safe_next
from app.extensions import csrf, db
from app.follows import queries, services
from app.follows.blueprint import bp
from app.follows.forms import FollowForm, FollowSettingsForm
from app.follows.tokens import user_id_from


def _toggle(service, message):
    form = FollowForm()
    back = safe_next(form.next.data, url_for(".index"))
    if not form.validate_on_submit():
        flash(_("This cannot be followed."), "error")
        return redirect(back)
    try:
        service(current_user, form.target.data, form.target_id.data)
    except services.FollowRefused as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    flash(message, "success")
    return redirect(back)


@bp.post("/follow")
@login_required
def follow():
    return _toggle(services.follow, _("You follow it now: news about it reaches your notifications."))


@bp.post("/unfollow")
@login_required
def unfollow():
    return _toggle(services.unfollow, _("You no longer follow it."))


@bp.route("/follows", methods=["GET", "POST"])
@login_required
def index():
    form = FollowSettingsForm(
        data={
            name: queries.setting(current_user.id, name)
            for name in ("digest", "immediate", "follow_supported")
        }
    )
    if form.validate_on_submit():
        services.save_settings(
            current_user, form.digest.data, form.immediate.data, form.follow_supported.data
        )
        db.session.commit()
        flash(_("Your choices are saved."), "success")
        return redirect(url_for(".index"))
    status = 422 if form.errors else 200
    return render_template(
        "follows/index.html", form=form, follows=queries.follows_of(current_user.id), unfollow=FollowForm()
    ), status


def _user_of(token):
    user_id = user_id_from(token)
    user = db.session.get(User, user_id) if user_id else None
    if user is None or user.is_deleted:
        abort(404)
    return user


@bp.get("/unsubscribe/<token>")
def unsubscribe(token):
    user = _user_of(token)
    return render_template("follows/unsubscribe.html", token=token, done=False, user=user)


# Mail clients post here without a form token (RFC 8058 one-click); the signed token is the proof.
@bp.post("/unsubscribe/<token>")
@csrf.exempt
def unsubscribe_now(token):
    user = _user_of(token)
    services.unsubscribe(user.id)
    db.session.commit()
    return render_template("follows/unsubscribe.html", token=token, done=True, user=user)
