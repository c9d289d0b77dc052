"""Browsing ideas: the list, the map page, the idea page and its photo."""

import re

from flask import abort, current_app, make_response, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.geometry.polygons import service_area
from app.ideas.blueprint import bp
from app.ideas.forms import FilterForm
from app.ideas.lifecycle import IDEAS
from app.ideas.maplabels import map_page_labels
from app.ideas.models import Idea
from app.ideas.photos import content_type, thumbnail_path
from app.ideas.queries import (
    PUBLIC_STATUSES,
    categories_in_order,
    category_by_slug,
    district_by_slug,
    districts_by_name,
    filtered_page,
    home_district,
)
from app.ideas.viewhelpers import can_view, current_locale, is_staff, map_parts

SLUG_RE = re.compile(r"^[a-z0-9-]+$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _filter_form():
    statuses = list(IDEAS.labels.items()) if is_staff() else []
    form = FilterForm(
        request.args,
        categories=categories_in_order(active_only=False),
        districts=districts_by_name(current_locale()),
        statuses=statuses,
        locale=current_locale(),
    )
    form.validate()
    return form


def _filtered(form):
    status = form.status.data if not form.status.errors else None
    if is_staff():
        statuses = (status,) if status in IDEAS.statuses else IDEAS.statuses
    else:
        statuses = PUBLIC_STATUSES
    category = category_by_slug(form.category.data) if form.category.data else None
    district = district_by_slug(form.district.data) if form.district.data else None
    q = form.q.data if not form.q.errors else None
    return statuses, category, district, q


def _answer(form):
    return form.answer.data if form.answer.data and not form.answer.errors else None


@bp.get("/ideas/categories.css")
def category_css():
    # Category colours are data; a stylesheet keeps them out of inline styles (CSP).
    rules = [
        f".swatch-{c.slug}{{background-color:{c.color}}}"
        for c in categories_in_order(active_only=False)
        if SLUG_RE.match(c.slug) and COLOR_RE.match(c.color)
    ]
    response = make_response("\n".join(rules) + "\n")
    response.mimetype = "text/css"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/ideas")
def index():
    form = _filter_form()
    sort = form.sort.data if form.sort.data and not form.sort.errors else "supported"
    near = form.near_point() if not form.near.errors else None
    if sort == "near" and near is None:
        sort = "supported"
    page = filtered_page(
        *_filtered(form), sort, near, page=request.args.get("page", 1, type=int), answer=_answer(form)
    )
    return render_template(
        "ideas/list.html",
        form=form,
        page=page,
        ideas=page.items,
        near=near,
        sort=sort,
        my_district=home_district(current_user),
    )


@bp.get("/map")
def map():
    form = _filter_form()
    districts = districts_by_name(current_locale())
    parts = map_parts(current_app.config["MAP_CENTER"], 12, _("Map of ideas"), districts=districts)
    # The district chosen in the filters, else the resident's own district: the map opens there.
    district = district_by_slug(form.district.data) if form.district.data else home_district(current_user)
    bounds = (
        [[district.min_lat, district.min_lng], [district.max_lat, district.max_lng]] if district else None
    )
    west, south, east, north = service_area(current_app.config).bbox
    return render_template(
        "ideas/map.html",
        form=form,
        parts=parts,
        bounds=bounds,
        area=[[south, west], [north, east]],
        labels=map_page_labels(),
        legend=categories_in_order(),
        districts_shown=bool(districts),
        geojson_url=url_for("api.ideas_geojson"),
    )


@bp.get("/ideas/<int:idea_id>")
def detail(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if not can_view(idea, current_user):
        abort(404)
    parts = None
    if idea.is_placed:
        point = (idea.lat, idea.lng)
        parts = map_parts(
            point,
            14 if idea.approximate else 16,
            _("Location of the idea"),
            marker=point,
            circle_m=600 if idea.approximate else None,
        )
    return render_template("ideas/detail.html", idea=idea, parts=parts)


@bp.get("/ideas/<int:idea_id>/photo")
def photo(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if not idea.photo or not can_view(idea, current_user):
        abort(404)
    public = idea.status in PUBLIC_STATUSES
    response = send_from_directory(
        current_app.config["UPLOAD_DIR"],
        idea.photo,
        mimetype=content_type(idea.photo),
        max_age=86400 if public else 0,
    )
    if not public:
        # Only its author and staff may see it: no shared cache may keep it, nor the browser
        # once they sign out.
        response.headers["Cache-Control"] = "private, no-store"
        del response.headers["Expires"]
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/ideas/<int:idea_id>/thumbnail")
def thumbnail(idea_id):
    """The small photo of a list card; only for published ideas, which anyone may see."""
    idea = db.get_or_404(Idea, idea_id)
    if not idea.photo or idea.status not in PUBLIC_STATUSES:
        abort(404)
    try:
        path = thumbnail_path(current_app.config["UPLOAD_DIR"], idea.photo)
    except OSError:
        abort(404)
    response = send_from_directory(path.parent, path.name, mimetype=content_type(idea.photo), max_age=86400)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
