"""Staff pages: the moderation queue, the review page and every decision."""

from flask import (
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
    session,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.core.permissions import role_required
from app.extensions import db
from app.ideas.models import Category, District, Idea
from app.ideas.viewhelpers import map_parts
from app.moderation import duplicates, edits, history, queries, team, undo
from app.moderation.blueprint import bp
from app.moderation.forms import (
    BlockForm,
    CorrectForm,
    HideForm,
    MergeForm,
    QueueFilterForm,
    RejectForm,
    RequestChangesForm,
)
from app.moderation.labels import (
    ACTION_LABELS,
    HIDE_REASON_LABELS,
    reason_label,
    reject_reason_labels,
)
from app.moderation.models import ModerationAction

staff_only = role_required("moderator")


def choices_from(model, blank):
    code = str(get_locale())
    return [SelectChoice("", blank)] + [
        SelectChoice(str(item.id), item.name(code))
        for item in db.session.scalars(db.select(model).order_by(model.name_fr))
    ]


def _filter_form():
    form = QueueFilterForm(request.args)
    form.category.choices = choices_from(Category, _("All categories"))
    form.district.choices = choices_from(District, _("All districts"))
    return form


def int_or_none(value):
    """A row id from a form or URL, or None; too many digits for a database integer is None too."""
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) <= 9 else None


def _resolve(model, value):
    """The id a filter names, by id or by slug ("3" or "velo"); (None, False) for no filter and
    (None, True) when nothing has that id or slug."""
    value = (value or "").strip()
    if not value:
        return None, False
    row = db.session.get(model, int_or_none(value)) if int_or_none(value) else None
    if row is None:
        row = db.session.scalars(db.select(model).where(model.slug == value.lower())).first()
    return (row.id, False) if row is not None else (None, True)


def _reason_choices(blank):
    return [SelectChoice("", blank)] + [SelectChoice(c, label) for c, label in reject_reason_labels().items()]


def _batch_undo_offer(batch):
    """The bulk decisions this moderator can still undo together, or None."""
    window = current_app.config["MODERATION_UNDO_SECONDS"]
    actions = undo.batch_actions(batch, current_user)
    if not undo.batch_undoable(actions, current_user, window):
        session.pop("moderation_undo_batch", None)
        return None
    return {
        "batch": batch,
        "action": actions[0],
        "count": len(actions),
        "until": undo.batch_deadline(actions, window),
    }


def _undo_offer():
    """The decision (or bulk decisions) this moderator can still undo, with its idea and
    deadline, or None."""
    if session.get("moderation_undo_batch"):
        return _batch_undo_offer(session["moderation_undo_batch"])
    action_id = session.get("moderation_undo")
    if not action_id:
        return None
    window = current_app.config["MODERATION_UNDO_SECONDS"]
    action = db.session.get(ModerationAction, action_id)
    if not undo.undoable(action, current_user, window):
        session.pop("moderation_undo", None)
        return None
    return {"action": action, "idea": action.idea, "until": undo.undo_deadline(action, window)}


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
    correct.category.choices = choices_from(Category, "")[1:]
    correct.district.choices = choices_from(District, _("No district"))
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
    reject = RejectForm(formdata=None)
    reject.reason.choices = _reason_choices(_("Choose a reason"))
    entries = queries.idea_history(idea.id)
    return {
        "idea": idea,
        "parts": parts,
        "version": idea.updated_at.isoformat(),
        "undo_offer": _undo_offer(),
        "claim": team.claim_of(idea.id),
        "staff": team.staff_members(),
        "notes": team.notes_on(idea.id),
        "changes": history.describe(entries),
        "reject_form": _unique_ids(reject, "reject"),
        "changes_form": _unique_ids(RequestChangesForm(formdata=None), "changes"),
        "hide_form": _unique_ids(HideForm(formdata=None), "hide"),
        "merge_form": _unique_ids(MergeForm(formdata=None), "merge"),
        "correct_form": _unique_ids(correct, "correct"),
        "block_form": _unique_ids(BlockForm(formdata=None), "block"),
        "stats": queries.author_stats([idea.author_id]),
        "reports": queries.open_reports_by_idea([idea.id]),
        "duplicates": duplicates.possible_duplicates(idea),
        "history": entries,
        "action_labels": ACTION_LABELS,
        "reason_label": reason_label,
    }


def queue_filters(form):
    """The queue's filters from the form, and what to tell about values that name nothing."""
    unknown = []
    category_id, bad = _resolve(Category, request.args.get("category"))
    if bad:
        unknown.append(
            _("No category is called “%(value)s”: every category is shown.", value=request.args["category"])
        )
    district_id, bad = _resolve(District, request.args.get("district"))
    if bad:
        unknown.append(
            _("No district is called “%(value)s”: every district is shown.", value=request.args["district"])
        )
    form.category.data = str(category_id or "")
    form.district.data = str(district_id or "")
    kind = request.args.get("type") or "all"
    if kind not in queries.QUEUE_TYPES:
        unknown.append(_("“%(value)s” is not a type of item: everything waiting is shown.", value=kind))
        kind = form.type.data = "all"
    assigned = request.args.get("assigned") or ""
    if assigned not in queries.ASSIGNED_VIEWS:
        unknown.append(_("“%(value)s” is not a view of the queue: every item is shown.", value=assigned))
        assigned = form.assigned.data = ""
    filters = queries.QueueFilters(
        type=kind,
        category_id=category_id,
        district_id=district_id,
        age=form.age.data if form.age.data in queries.AGE_DAYS else "",
        q=(form.q.data or "")[:100],
        assigned=assigned,
        user_id=current_user.id if assigned == "mine" else None,
    )
    return filters, unknown


@bp.get("/moderation")
@staff_only
def queue():
    form = _filter_form()
    filters, unknown = queue_filters(form)
    page = queries.moderation_queue(filters, page=request.args.get("page", 1, type=int))
    ideas = queries.queue_ideas(page)
    return render_template(
        "moderation/queue.html",
        form=form,
        page=page,
        unknown_filters=unknown,
        undo_offer=_undo_offer(),
        claims=team.claims_for({getattr(item, "idea_id", item.id) for item in page.items}),
        categories=choices_from(Category, _("Choose the new category")),
        stats=queries.author_stats([item.author_id for item in page.items]),
        reports=queries.open_reports_by_idea([idea.id for idea in ideas]),
        comment_reports=queries.open_reports_by_comment(page),
        duplicates_by_idea=duplicates.duplicates_by_idea(ideas),
        edit_changes=edits.edit_changes,
        reject_reasons=reject_reason_labels(),
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
