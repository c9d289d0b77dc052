"""A relay's desk: the ideas they entered, the keyboard-fast entry of a form, in-person
supports, and the short links printed in status messages."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.extensions import db
from app.geometry.polygons import service_area
from app.ideas.models import Idea
from app.ideas.queries import categories_in_order, category_by_slug, district_by_slug, districts_by_name
from app.ideas.services import IdeaDraft, LocationRejected, similar_ideas
from app.ideas.viewhelpers import current_locale, map_parts
from app.relays import queries
from app.relays.blueprint import bp
from app.relays.forms import AssistedIdeaForm, SupportForm
from app.relays.services import (
    RelayError,
    check_resident,
    place_of_form,
    record_support,
    submit_assisted_idea,
)
from app.relays.views import relay_required


@bp.get("/i/<int:idea_id>")
def short_link(idea_id):
    return redirect(url_for("ideas.detail", idea_id=idea_id), code=301)


@bp.get("/relays")
@relay_required
def desk():
    return render_template(
        "relays/desk.html",
        relay=g.relay,
        entries=queries.ideas_entered_by(g.relay.user_id),
        batches=queries.batches_of(g.relay.user_id),
    )


def _districts():
    districts = districts_by_name(current_locale())
    return [d for d in districts if g.relay.covers(d)]


def _entry_form():
    form = AssistedIdeaForm(categories=categories_in_order(), districts=_districts(), locale=current_locale())
    code = request.values.get("code", "").strip()
    batch = queries.batch_by_code(code) if code else None
    if request.method == "GET" and batch is not None:
        form.code.data, form.district.data, form.channel.data = batch.code, batch.district.slug, "paper"
        # The batch is kept from one form to the next: the cursor starts at the resident's name.
        form.resident_name.render_kw = {"autofocus": True}
    return form, batch


def _fail(form, field, message):
    target = getattr(form, field, None) or form.title
    target.errors = [*target.errors, message]


def _form_district(form, batch):
    if batch is not None:
        return batch.district
    return district_by_slug(form.district.data) if form.district.data else None


def _map(form, batch):
    """The map picker's map: on the pin, else on the form's district (outlined), else on the
    relay's districts, else on the city."""
    config = current_app.config
    district = _form_district(form, batch)
    outlined = [district] if district is not None else list(g.relay.districts)
    lat, lng = form.point() if not (form.lat.errors or form.lng.errors) else (None, None)
    if lat is not None:
        centre, zoom = (lat, lng), 16
    elif outlined:
        centre, zoom = (outlined[0].center_lat, outlined[0].center_lng), 14
    else:
        centre, zoom = config["MAP_CENTER"], 12
    label = _("Map: click where the resident marked the place")
    return map_parts(centre, zoom, label, outline=service_area(config), districts=outlined)


def _render(form, batch, similar=(), status=200):
    parts = _map(form, batch)
    return render_template("relays/enter.html", form=form, batch=batch, similar=similar, parts=parts), status


@bp.route("/relays/enter", methods=["GET", "POST"])
@relay_required
def enter():
    form, batch = _entry_form()
    if request.method == "GET":
        if request.args.get("code") and batch is None:
            _fail(form, "code", _("No paper form has this code. Check the code printed on the form."))
            return _render(form, None, status=404)
        return _render(form, batch)
    if not form.validate_on_submit():
        return _render(form, batch, status=400)
    if form.code.data and batch is None:
        _fail(form, "code", _("No paper form has this code. Check the code printed on the form."))
        return _render(form, batch, status=400)
    lat, lng = form.point()
    try:
        resident = check_resident(
            form.resident_name.data,
            form.channel.data,
            form.consent.data,
            form.phone.data,
            form.email.data,
            form.language.data,
        )
        location = place_of_form(
            g.relay,
            service_area(current_app.config),
            district=_form_district(form, batch),
            lat=lat,
            lng=lng,
            place_label=form.place_label.data,
        )
    except (RelayError, LocationRejected) as error:
        _fail(form, error.field, error.message)
        return _render(form, batch, status=400)
    if form.confirmed.data != "1":
        similar = similar_ideas(location.lat, location.lng, form.title.data)
        if similar:
            form.confirmed.data = "1"
            return _render(form, batch, similar=similar)
    draft = IdeaDraft(form.title.data, form.description.data, category_by_slug(form.category.data), location)
    try:
        idea = submit_assisted_idea(
            g.relay, draft, resident, batch=batch, premoderation=current_app.config["PREMODERATION"]
        )
    except RelayError as error:
        db.session.rollback()
        _fail(form, error.field, error.message)
        return _render(form, batch, status=400)
    db.session.commit()
    flash(_("Form entered: “%(title)s”. The next one is ready.", title=idea.title), "success")
    return redirect(url_for("relays.enter", code=batch.code) if batch else url_for("relays.enter"))


@bp.route("/relays/ideas/<int:idea_id>/supports", methods=["GET", "POST"])
@relay_required
def supports(idea_id):
    idea = db.session.get(Idea, idea_id)
    if idea is None or not idea.is_published:
        abort(404)
    form = SupportForm()
    status = 200
    if form.validate_on_submit():
        try:
            record_support(g.relay, idea, form.supporter_name.data, form.channel.data, form.consent.data)
        except RelayError as error:
            _fail(form, error.field or "supporter_name", error.message)
            status = 400
        else:
            db.session.commit()
            flash(_("Support recorded. You can record the next one."), "success")
            return redirect(url_for("relays.supports", idea_id=idea.id))
    elif request.method == "POST":
        status = 400
    return render_template(
        "relays/supports.html", idea=idea, form=form, in_person=queries.in_person_count(idea.id)
    ), status
