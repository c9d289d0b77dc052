"""Staff pages: the moderation queue, the review page and every decision."""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.accounts.models import User
from app.core.permissions import role_required
from app.extensions import db
from app.ideas.models import Category, District, Idea
from app.ideas.viewhelpers import map_parts
from app.moderation import duplicates, edits, queries, responses, services
from app.moderation.blueprint import bp
from app.moderation.forms import (
    BlockForm,
    CorrectForm,
    DecisionForm,
    HideForm,
    MergeForm,
    QueueFilterForm,
    RejectForm,
    RequestChangesForm,
    parse_version,
)
from app.moderation.labels import (
    ACTION_LABELS,
    HIDE_REASON_LABELS,
    REJECT_REASON_LABELS,
    reason_label,
)
from app.moderation.responses import refuse, requested_next

staff_only = role_required("moderator")


def _choices_from(model, blank):
    code = str(get_locale())
    return [SelectChoice("", blank)] + [
        SelectChoice(str(item.id), item.name(code))
        for item in db.session.scalars(db.select(model).order_by(model.name_fr))
    ]


def _filter_form():
    form = QueueFilterForm(request.args)
    form.category.choices = _choices_from(Category, _("All categories"))
    form.district.choices = _choices_from(District, _("All districts"))
    return form


def _int_or_none(value):
    return int(value) if value and str(value).isdigit() else None


def _unique_ids(form, prefix):
    """Several forms share one page: give their fields distinct ids (names stay the same)."""
    for f in form:
        f.id = f.label.field_id = f"{prefix}-{f.name}"
    return form


def _review_context(idea):
    correct = CorrectForm(
        formdata=None,
        version=idea.updated_at.isoformat(),
        category=str(idea.category_id),
        lat=idea.lat,
        lng=idea.lng,
        district=str(idea.district_id or ""),
    )
    correct.category.choices = _choices_from(Category, "")[1:]
    correct.district.choices = _choices_from(District, _("No district"))
    parts = None
    if idea.is_placed:
        point = (idea.lat, idea.lng)
        parts = map_parts(
            point,
            14 if idea.approximate else 17,
            _("Place of idea #%(id)s", id=idea.id),
            marker=point,
            circle_m=600 if idea.approximate else None,
        )
    return {
        "idea": idea,
        "parts": parts,
        "version": idea.updated_at.isoformat(),
        "reject_form": _unique_ids(RejectForm(formdata=None), "reject"),
        "changes_form": _unique_ids(RequestChangesForm(formdata=None), "changes"),
        "hide_form": _unique_ids(HideForm(formdata=None), "hide"),
        "merge_form": _unique_ids(MergeForm(formdata=None), "merge"),
        "correct_form": _unique_ids(correct, "correct"),
        "block_form": _unique_ids(BlockForm(formdata=None), "block"),
        "stats": queries.author_stats([idea.author_id]),
        "reports": queries.open_reports_by_idea([idea.id]),
        "duplicates": duplicates.possible_duplicates(idea),
        "history": queries.idea_history(idea.id),
        "action_labels": ACTION_LABELS,
        "reason_label": reason_label,
    }


@bp.get("/moderation")
@staff_only
def queue():
    form = _filter_form()
    filters = queries.QueueFilters(
        type=form.type.data if form.type.data in queries.QUEUE_TYPES else "all",
        category_id=_int_or_none(form.category.data),
        district_id=_int_or_none(form.district.data),
        age=form.age.data or "",
        q=(form.q.data or "")[:100],
    )
    page = queries.moderation_queue(filters, page=request.args.get("page", 1, type=int))
    ideas = queries.queue_ideas(page)
    return render_template(
        "moderation/queue.html",
        form=form,
        page=page,
        stats=queries.author_stats([item.author_id for item in page.items]),
        reports=queries.open_reports_by_idea([idea.id for idea in ideas]),
        comment_reports=queries.open_reports_by_comment(page),
        duplicates_by_idea=duplicates.duplicates_by_idea(ideas),
        edit_changes=edits.edit_changes,
        reject_reasons=REJECT_REASON_LABELS,
        hide_reasons=HIDE_REASON_LABELS,
        reason_label=reason_label,
    )


@bp.get("/moderation/ideas/<int:idea_id>")
@staff_only
def review(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    return render_template("moderation/review.html", **_review_context(idea))


@bp.get("/moderation/ideas/<int:idea_id>/photo")
@staff_only
def photo(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if not idea.photo:
        abort(404)
    response = send_from_directory(current_app.config["UPLOAD_DIR"], idea.photo, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # staff only, whatever the idea's status
    del response.headers["Expires"]
    return response


def _correct(idea, form, version):
    return services.correct_idea(
        idea,
        current_user,
        version,
        category_id=_int_or_none(form.category.data),
        lat=form.lat.data,
        lng=form.lng.data,
        district_id=_int_or_none(form.district.data),
    )


def _merge(idea, form, version):
    return services.merge_idea(idea, db.session.get(Idea, form.original.data), current_user, version)


# verb in the URL: (its form, the use case on (idea, form, version), what the moderator is told)
DECISIONS = {
    "approve": (
        DecisionForm,
        lambda idea, _form, version: services.approve_idea(idea, current_user, version),
        _l("The idea is published."),
    ),
    "reject": (
        RejectForm,
        lambda idea, form, version: services.reject_idea(
            idea, current_user, version, form.reason.data, form.message.data
        ),
        _l("The idea is rejected; its author has been told why."),
    ),
    "request-changes": (
        RequestChangesForm,
        lambda idea, form, version: services.request_changes(idea, current_user, version, form.message.data),
        _l("The idea is back with its author for changes."),
    ),
    "hide": (
        HideForm,
        lambda idea, form, version: services.hide_idea(
            idea, current_user, version, form.reason.data, form.message.data
        ),
        _l("The idea is hidden."),
    ),
    "restore": (
        DecisionForm,
        lambda idea, _form, version: services.restore_idea(idea, current_user, version),
        _l("The idea is visible again."),
    ),
    "dismiss-reports": (
        DecisionForm,
        lambda idea, _form, version: services.dismiss_reports(idea, current_user, version),
        _l("The reports are dismissed."),
    ),
    "merge": (MergeForm, _merge, _l("The idea is merged into the original; its supports moved over.")),
    "correct": (CorrectForm, _correct, _l("The correction is saved and logged.")),
}


@bp.post("/moderation/ideas/<int:idea_id>/<verb>")
@staff_only
def decide(idea_id, verb):
    if verb not in DECISIONS:
        abort(404)
    idea = db.get_or_404(Idea, idea_id)
    form_class, use_case, message = DECISIONS[verb]
    form = form_class()
    if verb == "correct":
        form.category.choices = _choices_from(Category, "")
        form.district.choices = _choices_from(District, "")
    back = requested_next(url_for(".review", idea_id=idea.id))
    return responses.decide(
        form, back, lambda: use_case(idea, form, parse_version(form.version.data)), message
    )


@bp.post("/moderation/bulk")
@staff_only
def bulk():
    pairs = [value.partition("@") for value in request.form.getlist("items")]
    ideas = {
        idea.id: idea
        for idea in db.session.scalars(
            db.select(Idea).where(Idea.id.in_([_int_or_none(i) for i, _sep, _v in pairs if _int_or_none(i)]))
        )
    }
    items = [(ideas[int(i)], parse_version(v)) for i, _sep, v in pairs if _int_or_none(i) in ideas]
    back = requested_next(url_for(".queue"))
    if not items:
        flash(_("Select at least one item."), "error")
        return redirect(back)
    try:
        decisions, conflicts = services.bulk_decide(
            items,
            current_user,
            request.form.get("verb"),
            request.form.get("reason"),
            request.form.get("message"),
        )
    except services.ModerationError as error:
        refuse(error)
        return redirect(back)
    db.session.commit()
    if decisions:
        flash(_("Items decided: %(count)s.", count=len(decisions)), "success")
    for idea, error in conflicts:
        flash(f"#{idea.id}: {error}", "warning")
    return redirect(back)


@bp.post("/moderation/users/<int:user_id>/block")
@staff_only
def block(user_id):
    user = db.get_or_404(User, user_id)
    form = BlockForm()
    return responses.decide(
        form,
        requested_next(url_for(".queue")),
        lambda: services.block_user(user, current_user, form.reason.data, form.message.data),
        _l("The account is blocked and its waiting ideas are hidden."),
    )
