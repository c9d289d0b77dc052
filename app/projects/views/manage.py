"""Staff pages (moderators granted `manage_projects`, and admins): create, edit and run a project."""

import json

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.permissions import permission_required
from app.extensions import db
from app.ideas.queries import districts_by_name
from app.projects import queries, services
from app.projects.blueprint import bp
from app.projects.context import locale
from app.projects.forms import (
    LinkForm,
    MilestoneForm,
    ProgressForm,
    ProjectForm,
    ReachForm,
    StatusForm,
    geometry_of,
    place_text,
)
from app.projects.models import LANGUAGES, ProjectLink

staff_only = permission_required("manage_projects")


def _project_or_404(project_id):
    project = queries.project_page(project_id)
    if project is None:
        abort(404)
    return project


def _project_form(**kwargs):
    return ProjectForm(
        districts=districts_by_name(locale()), statuses=queries.statuses_in_order(), locale=locale(), **kwargs
    )


def _draft(form):
    return services.ProjectDraft(
        titles={lang: form[f"title_{lang}"].data for lang in LANGUAGES},
        descriptions={lang: form[f"description_{lang}"].data for lang in LANGUAGES},
        department=form.department.data,
        district_ids=list(form.districts.data or ()),
        geometry=geometry_of(form.points),
        budget_mad=form.budget_mad,
        start_date=form.start,
        end_date=form.end,
    )


def _first_error(form):
    return next((errors[0] for errors in form.errors.values() if errors), _("Check the form and try again."))


@bp.route("/projects/new", methods=["GET", "POST"])
@staff_only
def new():
    form = _project_form()
    if form.validate_on_submit():
        try:
            project = services.create_project(current_user, _draft(form), form.status.data)
        except services.ProjectError as error:
            db.session.rollback()
            form.department.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The project is created."), "success")
            return redirect(url_for("projects.manage", project_id=project.id))
    return render_template("projects/form.html", form=form, project=None), (422 if form.errors else 200)


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@staff_only
def edit(project_id):
    project = _project_or_404(project_id)
    form = _project_form(obj=project)
    del form.status  # the status changes with a public explanation, on the management page
    if not form.is_submitted():
        form.districts.data = [d.id for d in project.districts]
        form.place.data = place_text(json.loads(project.geometry) if project.geometry else None)
        form.budget.data = "" if project.budget_mad is None else str(project.budget_mad)
        form.start_date.data = project.start_date.isoformat() if project.start_date else ""
        form.end_date.data = project.end_date.isoformat() if project.end_date else ""
    if form.validate_on_submit():
        try:
            services.update_project(project, current_user, _draft(form))
        except services.ProjectError as error:
            db.session.rollback()
            form.department.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The project is updated."), "success")
            return redirect(url_for("projects.manage", project_id=project.id))
    return render_template("projects/form.html", form=form, project=project), (422 if form.errors else 200)


def _manage_page(project, status=422, **forms):
    statuses = queries.statuses_in_order()
    defaults = {
        "status_form": StatusForm(statuses=statuses, locale=locale(), formdata=None),
        "progress_form": ProgressForm(formdata=None),
        "link_form": LinkForm(formdata=None),
        "milestone_form": MilestoneForm(formdata=None, language=locale()),
        "reach_form": ReachForm(formdata=None),
    }
    defaults.update(forms)
    if defaults["progress_form"].percent.data is None and project.progress_manual is not None:
        defaults["progress_form"].percent.data = str(project.progress_manual)
    return render_template(
        "projects/manage.html",
        project=project,
        links=queries.linked_ideas(project.id, published_only=False),
        timeline=queries.timeline(project.id),
        status_names=queries.status_names(locale()),
        **defaults,
    ), status


@bp.get("/projects/<int:project_id>/manage")
@staff_only
def manage(project_id):
    return _manage_page(_project_or_404(project_id), status=200)


def _run(project, form_name, form, use_case, message):
    """Check `form`, run `use_case()`, commit and say `message`; a refusal changes nothing and
    the page shows the form again with the error next to it."""
    if form.validate_on_submit():
        try:
            use_case()
        except services.ProjectError as error:
            db.session.rollback()
            flash(str(error), "error")
            return _manage_page(project, **{form_name: form})
        db.session.commit()
        flash(message, "success")
        return redirect(url_for("projects.manage", project_id=project.id))
    flash(_first_error(form), "error")
    return _manage_page(project, **{form_name: form})


@bp.post("/projects/<int:project_id>/status")
@staff_only
def change_status(project_id):
    project = _project_or_404(project_id)
    form = StatusForm(statuses=queries.statuses_in_order(), locale=locale())
    return _run(
        project,
        "status_form",
        form,
        lambda: services.change_status(project, current_user, form.status.data, form.explanation.data),
        _("The new status is published."),
    )


@bp.post("/projects/<int:project_id>/progress")
@staff_only
def progress(project_id):
    project = _project_or_404(project_id)
    form = ProgressForm()
    return _run(
        project,
        "progress_form",
        form,
        lambda: services.set_progress(project, current_user, form.value),
        _("The progress is updated."),
    )


def _link(project, form):
    if form.target.data == "outcome":
        outcome = queries.outcome_by_id(form.value)
        if outcome is None:
            raise services.ProjectError(_("There is no créathon outcome with this number."))
        return services.link_idea(project, current_user, outcome.idea, form.answer.data, outcome=outcome)
    idea = queries.published_idea(form.value)
    if idea is None:
        raise services.ProjectError(_("There is no idea with this number."))
    return services.link_idea(project, current_user, idea, form.answer.data)


@bp.post("/projects/<int:project_id>/links")
@staff_only
def link(project_id):
    project = _project_or_404(project_id)
    form = LinkForm()
    return _run(
        project,
        "link_form",
        form,
        lambda: _link(project, form),
        _("The idea is linked; its author and supporters are told."),
    )


@bp.post("/projects/<int:project_id>/links/<int:link_id>/remove")
@staff_only
def unlink(project_id, link_id):
    project = _project_or_404(project_id)
    try:
        services.unlink(project, current_user, db.session.get(ProjectLink, link_id))
    except services.ProjectError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("The idea is no longer linked to the project."), "success")
    return redirect(url_for("projects.manage", project_id=project.id))


@bp.post("/projects/<int:project_id>/milestones")
@staff_only
def add_milestone(project_id):
    project = _project_or_404(project_id)
    form = MilestoneForm()
    upload_dir = current_app.config["UPLOAD_DIR"]
    if not form.validate_on_submit():
        flash(_first_error(form), "error")
        return _manage_page(project, milestone_form=form)
    written = []
    try:
        _milestone, written = services.add_milestone(
            project,
            current_user,
            form.day,
            form.text.data,
            form.language.data,
            form.processed_photos,
            form.kind.data,
            upload_dir=upload_dir,
        )
        db.session.commit()
    except services.ProjectError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _manage_page(project, milestone_form=form)
    except Exception:
        # Files written for a milestone that was not saved do not stay behind.
        db.session.rollback()
        services.discard_files(upload_dir, written)
        raise
    flash(_("The milestone is added."), "success")
    return redirect(url_for("projects.manage", project_id=project.id))


@bp.post("/projects/<int:project_id>/milestones/<int:milestone_id>/reached")
@staff_only
def reach(project_id, milestone_id):
    project = _project_or_404(project_id)
    form = ReachForm()
    milestone = next((m for m in project.milestones if m.id == milestone_id), None)
    return _run(
        project,
        "reach_form",
        form,
        lambda: services.reach_milestone(project, current_user, milestone, form.day),
        _("The milestone is marked as reached."),
    )
