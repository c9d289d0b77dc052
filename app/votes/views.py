"""Support and withdraw (form or JSON), the resident's supports, and the round settings."""

import time
from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError
from wtforms.fields.choices import SelectChoice

from app.core.errors import render_error, wants_json
from app.core.permissions import role_required
from app.core.urls import safe_next
from app.extensions import db, limiter
from app.ideas.models import Idea
from app.votes import context, queries, services
from app.votes.blueprint import bp
from app.votes.forms import VoteSettingsForm

# "Sign in to support" is a POST of the support form (so it passed the CSRF check): the idea is
# remembered in the session and supported once the resident has signed in, within an hour.
SUPPORT_INTENT = "support_intent"
INTENT_SECONDS = 3600


def _user_key():
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


# Limits are read from the config at request time; supporting and withdrawing share them.
_per_user = limiter.shared_limit(
    lambda: current_app.config["RATELIMIT_VOTE_USER"], scope="votes-user", key_func=_user_key
)
_per_ip = limiter.shared_limit(lambda: current_app.config["RATELIMIT_VOTE_IP"], scope="votes-ip")


@bp.post("/ideas/<int:idea_id>/vote")
@_per_user
@_per_ip
def vote(idea_id):
    return _act(idea_id, services.cast_vote)


@bp.post("/ideas/<int:idea_id>/unvote")
@_per_user
@_per_ip
def unvote(idea_id):
    return _act(idea_id, services.withdraw_vote)


def _act(idea_id, service):
    if not current_user.is_authenticated:
        if service is services.cast_vote:
            session[SUPPORT_INTENT] = {"idea": idea_id, "at": int(time.time())}
        if wants_json():
            return jsonify(error="login_required", message=_("Sign in to support ideas.")), 401
        # Back to the page after signing in: a GET on /vote itself would only be refused.
        flash(_("Sign in and your support will be counted."), "info")
        return redirect(url_for("votes.confirm", idea_id=idea_id, next=_back_target(idea_id)))
    idea = queries.support_target(idea_id)
    if idea is None:
        return render_error(404, _("This idea does not exist or is no longer available."))
    try:
        result = service(current_user, idea)
    except services.VoteNotAllowed as refusal:
        db.session.rollback()
        if wants_json():
            return jsonify(error=refusal.reason, message=str(refusal)), refusal.status
        flash(str(refusal), "error")
        return _back(idea_id)
    db.session.commit()
    if wants_json():
        # Scripts build the sentence from the partial's translated templates: no locale work here.
        return jsonify(result._asdict())
    flash(_announcement(result), "success" if result.changed else "info")
    return _back(idea_id)


def _announcement(result):
    count = format_decimal(result.count)
    if result.supported and result.changed:
        return _("Your support is counted. Supports: %(count)s", count=count)
    if result.supported:
        return _("You already support this idea. Supports: %(count)s", count=count)
    if result.changed:
        return _("Your support is withdrawn. Supports: %(count)s", count=count)
    return _("You were not supporting this idea. Supports: %(count)s", count=count)


def _same_site_referrer():
    if not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    if parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _back_target(idea_id):
    target = (
        safe_next(request.form.get("next"))
        or safe_next(_same_site_referrer())
        or url_for("ideas.detail", idea_id=idea_id)
    )
    return target.split("#")[0]


def _back(idea_id):
    return redirect(f"{_back_target(idea_id)}#support-{idea_id}", code=303)


@bp.get("/ideas/<int:idea_id>/support")
def box(idea_id):
    """The support box alone, for map popups that load it when they open."""
    idea = db.session.get(Idea, idea_id)
    if idea is None or not idea.is_published:
        return render_error(404, _("This idea does not exist or is no longer available."))
    context.support_script_needed()  # the map page loads the script itself
    back = safe_next(_same_site_referrer()) or url_for("ideas.detail", idea_id=idea_id)
    response = make_response(render_template("votes/_support.html", idea=idea, support_next=back))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/ideas/<int:idea_id>/support/confirm")
@login_required
def confirm(idea_id):
    """Where "Sign in to support" leads once signed in. The support the resident asked for with
    that button is counted now; a link alone (no intent in the session) only shows the idea with
    its support button, one press away, so that no other site can support in their name."""
    idea = db.session.get(Idea, idea_id)
    if idea is None or not idea.is_published:
        return render_error(404, _("This idea does not exist or is no longer available."))
    back = (safe_next(request.args.get("next")) or url_for("ideas.detail", idea_id=idea_id)).split("#")[0]
    if _take_intent(idea_id):
        try:
            result = services.cast_vote(current_user, idea)
        except services.VoteNotAllowed as refusal:
            db.session.rollback()
            flash(str(refusal), "error")
        else:
            db.session.commit()
            flash(_announcement(result), "success" if result.changed else "info")
            return redirect(f"{back}#support-{idea_id}", code=303)
    return render_template("votes/confirm.html", idea=idea, support_next=back)


def _take_intent(idea_id):
    intent = session.pop(SUPPORT_INTENT, None)
    if not isinstance(intent, dict) or intent.get("idea") != idea_id:
        return False
    return time.time() - intent.get("at", 0) <= INTENT_SECONDS


@bp.errorhandler(429)
def too_many(_error):
    message = _("You are supporting and withdrawing too quickly. Please wait a minute and try again.")
    if wants_json():
        return jsonify(error="rate_limited", message=message), 429
    return render_error(429, message)


@bp.errorhandler(CSRFError)
def stale_form(_error):
    message = _("This form has expired. Reload the page and try again.")
    if wants_json():
        return jsonify(error="csrf", message=message), 400
    return render_error(400, message)


@bp.get("/my/supports")
@login_required
def mine():
    page = db.paginate(queries.supports_of(current_user.id), per_page=20, error_out=False)
    return render_template("votes/mine.html", page=page)


@bp.route("/admin/votes", methods=["GET", "POST"])
@role_required("admin")
def settings():
    categories = queries.categories_for_settings()
    form = VoteSettingsForm()
    form.closed_categories.choices = [SelectChoice(c.id, c.name(str(get_locale()))) for c in categories]
    if request.method == "GET":
        current = queries.round_settings()
        form.is_open.data = current.is_open
        form.max_per_user.data = current.max_per_user
        form.closed_categories.data = sorted(queries.closed_category_ids())
    if form.validate_on_submit():
        services.update_settings(form.is_open.data, form.max_per_user.data, form.closed_categories.data or [])
        db.session.commit()
        flash(_("The supporting settings are saved."), "success")
        return redirect(url_for("votes.settings"), code=303)
    return render_template("votes/settings.html", form=form, totals=queries.round_totals())
