"""The resident's own district, set from their account settings."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.extensions import db
from app.ideas.blueprint import bp
from app.ideas.context import home_district_form
from app.ideas.queries import district_by_slug
from app.ideas.services import set_home_district
from app.ideas.viewhelpers import current_locale


@bp.post("/account/district")
@login_required
def home_district():
    form = home_district_form()
    back = url_for("accounts.settings") + "#district-title"
    if not form.validate_on_submit():
        # Nothing is changed; the settings page's form shows the district still saved.
        for error in form.district.errors or [_("This form has expired. Reload the page and try again.")]:
            flash(str(error), "error")
        return redirect(back)
    district = district_by_slug(form.district.data) if form.district.data else None
    set_home_district(current_user._get_current_object(), district)
    db.session.commit()
    if district is None:
        flash(_("The map now opens on the whole city."), "success")
    else:
        flash(_("Your district is saved: %(name)s.", name=district.name(current_locale())), "success")
    return redirect(back)
