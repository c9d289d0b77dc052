"""Event pages (public), event editing, outcome pages and links (facilitators, moderators)."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.core.permissions import role_required
from app.creathon import linking, queries, services
from app.creathon.blueprint import bp
from app.creathon.forms import DismissForm, EventForm, LinkForm, ManualLinkForm
from app.creathon.models import Link
from app.extensions import db


def _event_or_404(slug):
    event = queries.event_by_slug(slug)
    if event is None:
        abort(404)
    return event


def _user():
    return current_user if current_user.is_authenticated else None


@bp.get("/events")
def events():
    page = db.paginate(queries.events_newest_first(), per_page=20, error_out=False)
    return render_template("creathon/events.html", page=page, can_create=services.can_manage(_user()))


@bp.get("/events/<slug>")
def event(slug):
    event = _event_or_404(slug)
    manager = services.can_manage(_user(), event)
    outcomes = queries.ranked_outcomes(event, include_unpublished=manager)
    page = db.paginate(outcomes, per_page=50, error_out=False)
    links = queries.confirmed_links_by_outcome([o.id for o in page.items])
    return render_template("creathon/event.html", event=event, page=page, links=links, manager=manager)


def _fill_snapshots(form, event=None):
    # The open-data feature, above this one, declares its snapshots in app.extensions.
    names = current_app.extensions.get("open_data_snapshots", list)()
    current = event.open_data_snapshot if event is not None else None
    if current and current not in names:
        names = [current, *names]
    form.open_data_snapshot.choices = [("", _("None"))] + [(name, name) for name in names]
    # An event without one holds None, which the choice "" stands for.
    form.open_data_snapshot.data = form.open_data_snapshot.data or ""


def _fill_facilitators(form):
    form.facilitators.choices = [
        SelectChoice(u.id, f"{u.display_name} ({u.email})") for u in queries.facilitator_choices()
    ]


def _save_event(form, event=None):
    facilitators = services.users_by_ids(form.facilitators.data or [])
    try:
        if event is None:
            event = services.create_event(current_user, form.slug.data, facilitators, **form.values())
        else:
            services.update_event(event, form.slug.data, facilitators, current_user, **form.values())
    except services.EventError as error:
        db.session.rollback()
        getattr(form, error.field or "title").errors.append(str(error.message))
        return None
    db.session.commit()
    return event


@bp.route("/events/new", methods=["GET", "POST"])
@role_required("facilitator")
def new_event():
    if not services.can_manage(current_user):
        abort(403)
    form = EventForm()
    _fill_facilitators(form)
    _fill_snapshots(form)
    if request.method == "GET":
        form.facilitators.data = [current_user.id] if not current_user.has_role("admin") else []
    if form.validate_on_submit():
        event = _save_event(form)
        if event is not None:
            flash(_("The event is created. You can now import its outcomes."), "success")
            return redirect(url_for("creathon.event", slug=event.slug))
    return render_template("creathon/event_form.html", form=form, event=None)


@bp.route("/events/<slug>/edit", methods=["GET", "POST"])
@role_required("facilitator")
def edit_event(slug):
    event = _event_or_404(slug)
    if not services.can_manage(current_user, event):
        abort(403)
    form = EventForm(obj=event)
    _fill_facilitators(form)
    _fill_snapshots(form, event)
    if request.method == "GET":
        form.facilitators.data = [u.id for u in event.facilitators]
    if form.validate_on_submit():
        if _save_event(form, event) is not None:
            flash(_("The event is saved."), "success")
            return redirect(url_for("creathon.event", slug=event.slug))
    return render_template("creathon/event_form.html", form=form, event=event)


def _outcome_or_404(event, outcome_id):
    outcome = queries.outcome_in_event(event, outcome_id)
    if outcome is None:
        abort(404)
    return outcome


@bp.get("/events/<slug>/outcomes/<int:outcome_id>")
def outcome(slug, outcome_id):
    event = _event_or_404(slug)
    outcome = _outcome_or_404(event, outcome_id)
    can_link = services.can_link(_user(), event)
    if not outcome.idea.is_published and not can_link:
        abort(404)
    links = queries.confirmed_links_by_outcome([outcome.id]).get(outcome.id, [])
    suggestions = linking.suggestions_for_outcome(outcome) if can_link else []
    return render_template(
        "creathon/outcome.html",
        event=event,
        outcome=outcome,
        links=links,
        suggestions=suggestions,
        can_link=can_link,
        link_form=LinkForm(),
        dismiss_form=DismissForm(),
        manual_form=ManualLinkForm(),
    )


def _linkable(slug, outcome_id):
    event = _event_or_404(slug)
    if not services.can_link(_user(), event):
        abort(403)
    return event, _outcome_or_404(event, outcome_id)


def _linkable_idea(raw_id):
    raw = str(raw_id or "").strip()
    number = int(raw) if raw.isdigit() and len(raw) <= 10 else 0
    return linking.linkable_idea(number) if 0 < number < 2**31 else None


def _score(raw):
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


@bp.post("/events/<slug>/outcomes/<int:outcome_id>/links")
def add_link(slug, outcome_id):
    event, outcome = _linkable(slug, outcome_id)
    form = LinkForm() if "score" in request.form else ManualLinkForm()
    back = redirect(url_for("creathon.outcome", slug=event.slug, outcome_id=outcome.id))
    idea = _linkable_idea(form.idea_id.data) if form.validate_on_submit() else None
    if idea is None:
        # The same words for an unknown number and an idea that is not public.
        flash(_("No published citizen's idea has this number."), "error")
        return back
    linking.link_idea(outcome, idea, form.relation.data, current_user, _score(request.form.get("score")))
    db.session.commit()
    flash(_("The idea “%(title)s” is linked to this outcome.", title=idea.title), "success")
    return back


@bp.post("/events/<slug>/outcomes/<int:outcome_id>/dismissals")
def dismiss(slug, outcome_id):
    event, outcome = _linkable(slug, outcome_id)
    form = DismissForm()
    idea = _linkable_idea(form.idea_id.data) if form.validate_on_submit() else None
    if idea is None:
        abort(400)
    linking.dismiss_suggestion(outcome, idea, current_user, _score(form.score.data))
    db.session.commit()
    flash(_("The suggestion is dismissed and will not be shown again."), "info")
    return redirect(url_for("creathon.outcome", slug=event.slug, outcome_id=outcome.id))


@bp.post("/events/<slug>/outcomes/<int:outcome_id>/links/<int:link_id>/remove")
def remove_link(slug, outcome_id, link_id):
    event, outcome = _linkable(slug, outcome_id)
    link = db.session.get(Link, link_id)
    if link is None or link.outcome_id != outcome.id:
        abort(404)
    linking.remove_link(link)
    db.session.commit()
    flash(_("The link is removed."), "info")
    return redirect(url_for("creathon.outcome", slug=event.slug, outcome_id=outcome.id))
