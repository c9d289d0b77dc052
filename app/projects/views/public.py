"""Public project pages: the list with its map, a project's page, its photos, district reports."""

from flask import abort, current_app, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.permissions import verified_required
from app.core.time import utcnow
from app.extensions import db
from app.ideas.photos import content_type
from app.ideas.queries import district_by_slug, districts_by_name
from app.moderation.labels import PUBLIC_STATUS_LABELS
from app.projects import queries, services
from app.projects.blueprint import bp
from app.projects.context import locale
from app.projects.forms import FilterForm
from app.projects.maps import features_of_projects, features_of_rows, project_center, projects_map

MAX_PAGE = 100_000


@bp.get("/projects")
def index():
    statuses = queries.statuses_in_order()
    districts = districts_by_name(locale())
    form = FilterForm(
        request.args,
        statuses=statuses,
        districts=districts,
        departments=queries.departments(),
        locale=locale(),
    )
    if not form.validate():
        # An unknown status, district or department in the address: the whole list instead.
        flash(_("That filter is not in the list; showing every project."), "info")
        return redirect(url_for("projects.index"))
    chosen = (
        next((s for s in statuses if s.slug == form.status.data), None),
        district_by_slug(form.district.data) if form.district.data else None,
        form.department.data or None,
    )
    page = queries.projects_page(*chosen, page=_page_number())
    # The map draws every matching project, the list one page of them.
    features = features_of_rows(queries.placed_projects(*chosen), locale())
    return render_template(
        "projects/index.html",
        form=form,
        page=page,
        projects=page.items,
        parts=projects_map(features, _("Map of city projects")),
        filtered=any(chosen),
        districts=districts,
    )


def _page_number():
    """The `page` asked for, from 1 to MAX_PAGE (a huge number would overflow the database's
    offset; past the end, the page says so and leads back)."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)


@bp.get("/projects/<int:project_id>")
def detail(project_id):
    project = queries.project_page(project_id)
    if project is None:
        abort(404)
    center = project_center(project)
    parts = (
        projects_map(
            features_of_projects([project], locale()), _("Where the project is"), zoom=15, center=center
        )
        if center
        else None
    )
    return render_template(
        "projects/detail.html",
        project=project,
        parts=parts,
        links=queries.linked_ideas(project.id),
        timeline=queries.timeline(project.id),
        status_names=queries.status_names(locale()),
        before=queries.photos_of(project.id, "before"),
        after=queries.photos_of(project.id, "after"),
        following=current_user.is_authenticated and queries.is_following(current_user.id, project.id),
        answer_labels=PUBLIC_STATUS_LABELS,
    )


@bp.get("/projects/photos/<name>")
def photo(name):
    if queries.photo_named(name) is None:
        abort(404)
    response = send_from_directory(
        current_app.config["UPLOAD_DIR"], name, mimetype=content_type(name), max_age=86400
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/projects/<int:project_id>/follow")
@verified_required
def follow(project_id):
    project = queries.project_page(project_id)
    if project is None:
        abort(404)
    following = request.form.get("follow") != "0"
    services.follow(project, current_user, following)
    db.session.commit()
    flash(
        _("You will be told of this project's news.")
        if following
        else _("You no longer follow this project."),
        "success",
    )
    return redirect(url_for("projects.detail", project_id=project.id))


@bp.get("/projects/districts/<slug>")
def district_report(slug):
    district = district_by_slug(slug)
    if district is None:
        abort(404)
    return render_template(
        "projects/report.html",
        district=district,
        report=queries.district_report(district),
        answer_labels=PUBLIC_STATUS_LABELS,
        today=utcnow().date(),
    )
