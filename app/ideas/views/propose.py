"""Proposing, editing and withdrawing ideas, and the author's "My ideas" page."""

from flask import (
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.core.errors import render_error
from app.core.permissions import verified_required
from app.core.uploads import photo_form
from app.extensions import db, limiter
from app.geometry.polygons import service_area
from app.ideas.blueprint import bp
from app.ideas.forms import IdeaForm
from app.ideas.models import Idea
from app.ideas.photos import MAX_BYTES
from app.ideas.queries import (
    categories_in_order,
    category_by_slug,
    district_by_slug,
    districts_by_name,
    home_district,
    ideas_of_author,
)
from app.ideas.services import (
    IdeaDraft,
    IdeaNotEditable,
    LocationRejected,
    can_edit,
    discard_photo,
    locate,
    similar_ideas,
    submit_idea,
    update_idea,
    withdraw_idea,
)
from app.ideas.viewhelpers import current_locale, map_parts
from app.ideas.views.held import forget_held, held_for, hold_for, photo_to_send

NEW = "new"
FORM_EXPIRED = "idea_form_expired"


def _form(idea=None):
    categories = categories_in_order()
    if idea is not None and idea.category not in categories:
        categories = [*categories, idea.category]
    form = IdeaForm(
        categories=categories, districts=districts_by_name(current_locale()), locale=current_locale()
    )
    if idea is not None and request.method == "GET":
        form.title.data, form.description.data = idea.title, idea.description
        form.category.data = idea.category.slug
        form.place_label.data = idea.place_label
        form.district.data = idea.district.slug if idea.district and idea.approximate else ""
        if idea.is_placed and not idea.approximate:
            form.lat.data, form.lng.data = f"{idea.lat:.6f}", f"{idea.lng:.6f}"
    if idea is None and request.method == "GET":
        # A new idea starts in the resident's own district (their settings), if they chose one.
        home = home_district(current_user)
        form.district.data = home.slug if home else ""
    return form


def _location(form):
    lat, lng = form.point()
    district = district_by_slug(form.district.data) if form.district.data else None
    try:
        return locate(service_area(current_app.config), lat, lng, district, form.place_label.data)
    except LocationRejected as error:
        getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
        return None


def _render(form, idea=None, similar=()):
    config = current_app.config
    lat, lng = form.point() if not (form.lat.errors or form.lng.errors) else (None, None)
    home = home_district(current_user) if lat is None else None
    if lat is not None:
        centre, zoom = (lat, lng), 16
    elif home is not None:
        centre, zoom = (home.center_lat, home.center_lng), 14
    else:
        centre, zoom = config["MAP_CENTER"], 12
    parts = map_parts(
        centre,
        zoom,
        _("Map: click to place your idea"),
        outline=service_area(config),
    )
    return render_template(
        "ideas/form.html",
        form=form,
        idea=idea,
        similar=similar,
        parts=parts,
        photo_held=held_for(NEW if idea is None else idea.id),
    )


def _valid(form):
    # A form refused by the CSRF check (expired_form below) is never taken for a valid one.
    return form.validate_on_submit() and not g.get(FORM_EXPIRED)


def _sent_back(form, idea=None, similar=(), status=400):
    """The form goes back to its author, with the photo just chosen held for the next sending."""
    if g.get(FORM_EXPIRED):
        flash(_("This form had expired. Check it and send it again."), "error")
    hold_for(NEW if idea is None else idea.id, form, trusted=not g.get(FORM_EXPIRED))
    return _render(form, idea, similar), status


def _commit_or_discard(photo_name):
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        discard_photo(current_app.config["UPLOAD_DIR"], photo_name)
        raise


def _proposal_limit():
    return current_app.config["RATELIMIT_PROPOSE"]


def _author_key():
    return f"user:{current_user.id}" if current_user.is_authenticated else request.remote_addr


@bp.route("/ideas/new", methods=["GET", "POST"])
@verified_required
@limiter.limit(_proposal_limit, key_func=_author_key, methods=["POST"])
@photo_form(MAX_BYTES)
def new():
    form = _form()
    if request.method == "GET":
        forget_held()
        return _render(form)
    if not _valid(form):
        return _sent_back(form)
    location = _location(form)
    if location is None:
        return _sent_back(form)
    if form.confirmed.data != "1":
        similar = similar_ideas(location.lat, location.lng, form.title.data)
        if similar:
            form.confirmed.data = "1"
            return _sent_back(form, similar=similar, status=200)
    form.processed_photo = photo_to_send(NEW, form)
    idea = submit_idea(
        current_user._get_current_object(),
        _draft(form, location),
        language=current_locale(),
        upload_dir=current_app.config["UPLOAD_DIR"],
        premoderation=current_app.config["PREMODERATION"],
    )
    _commit_or_discard(idea.photo)
    if idea.is_published:
        flash(_("Thank you! Your idea is published."), "success")
    else:
        flash(_("Thank you! Your idea will be published once a moderator has reviewed it."), "success")
    return redirect(url_for("ideas.detail", idea_id=idea.id))


def _draft(form, location):
    return IdeaDraft(
        form.title.data,
        form.description.data,
        category_by_slug(form.category.data),
        location,
        form.processed_photo,
    )


@bp.route("/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@verified_required
@photo_form(MAX_BYTES)
def edit(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if idea.author_id != current_user.id:
        abort(404)
    if not can_edit(idea, current_user):
        flash(_("This idea can no longer be changed."), "error")
        return redirect(url_for("ideas.mine"))
    form = _form(idea)
    if request.method == "GET":
        forget_held()
        return _render(form, idea)
    if not _valid(form):
        return _sent_back(form, idea)
    location = _location(form)
    if location is None:
        return _sent_back(form, idea)
    form.processed_photo = photo_to_send(idea.id, form)
    try:
        replaced = update_idea(
            idea,
            current_user._get_current_object(),
            _draft(form, location),
            upload_dir=current_app.config["UPLOAD_DIR"],
            drop_photo=form.remove_photo.data,
        )
    except IdeaNotEditable:
        abort(403)
    _commit_or_discard(idea.photo if form.processed_photo is not None else None)
    discard_photo(current_app.config["UPLOAD_DIR"], replaced)
    flash(_("Your changes are saved. The idea waits for moderation."), "success")
    return redirect(url_for("ideas.mine"))


@bp.route("/ideas/<int:idea_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if idea.author_id != current_user.id:
        abort(404)
    if request.method == "GET":
        return render_template("ideas/withdraw.html", idea=idea)
    try:
        withdraw_idea(idea, current_user._get_current_object())
    except IdeaNotEditable:
        flash(_("This idea cannot be withdrawn."), "error")
        return redirect(url_for("ideas.mine"))
    db.session.commit()
    flash(_("Your idea is withdrawn."), "success")
    return redirect(url_for("ideas.mine"))


@bp.get("/ideas/mine")
@login_required
def mine():
    return render_template("ideas/mine.html", ideas=ideas_of_author(current_user.id))


@bp.errorhandler(CSRFError)
def expired_form(_error):
    """A proposal or an edit whose session expired (a phone that reloaded the tab, a long
    writing) comes back with its text and pin instead of an error page; nothing is saved and
    its photo, never kept from a request that failed the check, must be chosen again."""
    if request.endpoint in ("ideas.new", "ideas.edit"):
        g.setdefault(FORM_EXPIRED, True)
        try:
            response = make_response(
                current_app.view_functions[request.endpoint](**(request.view_args or {}))
            )
        except HTTPException:  # raised here, it would no longer find its own handler
            response = None
        # The form sent back (400); anything else the view says (not yours, not verified) is
        # still answered as the refusal it is.
        if response is not None and response.status_code == 400:
            return response
    return render_error(400, _("This form has expired. Reload the page and try again."))
