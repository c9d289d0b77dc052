"""The notifications page: read them, mark them read, choose supporter updates."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.notifications import queries, services
from app.notifications.blueprint import bp
from app.notifications.forms import PreferencesForm
from app.notifications.messages import notification_text
from app.notifications.services import idea_url


@bp.get("/notifications")
@login_required
def index():
    page = queries.notifications_for(current_user.id, page=request.args.get("page", 1, type=int))
    form = PreferencesForm(supporter_updates=queries.supporter_updates_enabled(current_user.id))
    return render_template(
        "notifications/index.html", page=page, form=form, text=notification_text, idea_url=idea_url
    )


@bp.post("/notifications/read")
@login_required
def mark_read():
    ids = [int(v) for v in request.form.getlist("ids") if v.isdigit()]
    services.mark_read(current_user, ids or None)
    db.session.commit()
    flash(_("Notifications marked as read."), "success")
    return redirect(url_for(".index"))


@bp.post("/notifications/preferences")
@login_required
def preferences():
    form = PreferencesForm()
    if form.validate_on_submit():
        services.set_supporter_updates(current_user, form.supporter_updates.data)
        db.session.commit()
        flash(_("Your preferences are saved."), "success")
    return redirect(url_for(".index"))
