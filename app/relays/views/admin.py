"""Admins grant and take back the relay role, and read the relays' audit log."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.models import User
from app.accounts.services import find_by_email
from app.core.permissions import role_required
from app.extensions import db
from app.ideas.queries import districts_by_name
from app.ideas.viewhelpers import current_locale
from app.relays import queries
from app.relays.blueprint import bp
from app.relays.forms import GrantForm
from app.relays.services import RelayError, grant_relay, revoke_relay

admin_only = role_required("admin")


@bp.route("/admin/relays", methods=["GET", "POST"])
@admin_only
def admin_relays():
    districts = districts_by_name(current_locale())
    form = GrantForm(districts=districts, locale=current_locale())
    status = 200
    if form.validate_on_submit():
        user = find_by_email(form.email.data)
        chosen = [d for d in districts if d.slug in (form.districts.data or [])]
        if user is None:
            form.email.errors.append(_("No account has this email address."))
            status = 400
        else:
            try:
                grant_relay(current_user, user, form.organisation.data, chosen)
            except RelayError as error:
                getattr(form, error.field or "email").errors.append(error.message)
                status = 400
            else:
                db.session.commit()
                message = _(
                    "%(name)s is now a relay of %(organisation)s.",
                    name=user.display_name,
                    organisation=form.organisation.data,
                )
                flash(message, "success")
                return redirect(url_for("relays.admin_relays"))
    elif request.method == "POST":
        status = 400
    return render_template("relays/admin.html", form=form, relays=queries.all_relays()), status


@bp.post("/admin/relays/<int:user_id>/revoke")
@admin_only
def admin_revoke(user_id):
    user = db.session.get(User, user_id)
    if user is not None and revoke_relay(current_user, user):
        db.session.commit()
        flash(_("%(name)s is no longer a relay.", name=user.display_name), "success")
    return redirect(url_for("relays.admin_relays"))


@bp.get("/admin/relays/audit")
@admin_only
def admin_audit():
    return render_template("relays/audit.html", entries=queries.audit_entries())
