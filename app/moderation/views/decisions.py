"""Staff decisions: one item, several at once, undoing the last one, blocking an author."""

import re

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from app.accounts.models import User
from app.core.permissions import role_required
from app.extensions import db
from app.ideas.lifecycle import status_label
from app.ideas.models import Category, District, Idea
from app.moderation import bulk as bulk_decisions
from app.moderation import responses, services, undo
from app.moderation.blueprint import bp
from app.moderation.forms import (
    BlockForm,
    CorrectForm,
    DecisionForm,
    HideForm,
    MergeForm,
    RejectForm,
    RequestChangesForm,
    parse_version,
)
from app.moderation.models import ModerationAction
from app.moderation.responses import finish, first_error, refuse, requested_next
from app.moderation.views.staff import choices_from, int_or_none

staff_only = role_required("moderator")
# The queue item to scroll to after a decision: "item-12" (an idea) or "edit-3" (a correction).
ANCHOR = re.compile(r"(item|edit|comment)-[0-9]{1,10}")
BATCH = re.compile(r"[0-9a-f]{32}")


def _correct(idea, form, version):
    return services.correct_idea(
        idea,
        current_user,
        version,
        category_id=int_or_none(form.category.data),
        lat=form.lat.data,
        lng=form.lng.data,
        district_id=int_or_none(form.district.data),
    )


def _merge(idea, form, version):
    return services.merge_idea(idea, db.session.get(Idea, form.original.data), current_user, version)


# verb in the URL: (its form, the use case on (idea, form, version), what the moderator is told)
DECISIONS = {
    "approve": (
        DecisionForm,
        lambda idea, _form, version: services.approve_idea(idea, current_user, version),
        lambda idea: _("“%(title)s” is published.", title=idea.title),
    ),
    "reject": (
        RejectForm,
        lambda idea, form, version: services.reject_idea(
            idea, current_user, version, form.reason.data, form.message.data
        ),
        lambda idea: _("“%(title)s” is rejected; its author is told why.", title=idea.title),
    ),
    "request-changes": (
        RequestChangesForm,
        lambda idea, form, version: services.request_changes(idea, current_user, version, form.message.data),
        lambda idea: _("“%(title)s” is back with its author for changes.", title=idea.title),
    ),
    "hide": (
        HideForm,
        lambda idea, form, version: services.hide_idea(
            idea, current_user, version, form.reason.data, form.message.data
        ),
        lambda idea: _("“%(title)s” is hidden.", title=idea.title),
    ),
    "restore": (
        DecisionForm,
        lambda idea, _form, version: services.restore_idea(idea, current_user, version),
        lambda idea: _("“%(title)s” is visible again.", title=idea.title),
    ),
    "dismiss-reports": (
        DecisionForm,
        lambda idea, _form, version: services.dismiss_reports(idea, current_user, version),
        lambda idea: _("The reports on “%(title)s” are dismissed.", title=idea.title),
    ),
    "merge": (
        MergeForm,
        _merge,
        lambda idea: _("“%(title)s” is merged into the original; its supports moved over.", title=idea.title),
    ),
    "correct": (
        CorrectForm,
        _correct,
        lambda idea: _("The correction of “%(title)s” is saved and logged.", title=idea.title),
    ),
}


def anchored(url):
    """`url` scrolled to the queue item the form named (the one after the decided item), so the
    moderator keeps their place."""
    anchor = request.form.get("anchor", "")
    return f"{url}#{anchor}" if ANCHOR.fullmatch(anchor) else url


@bp.post("/moderation/ideas/<int:idea_id>/<verb>")
@staff_only
def decide(idea_id, verb):
    if verb not in DECISIONS:
        abort(404)
    idea = db.get_or_404(Idea, idea_id)
    form_class, use_case, message = DECISIONS[verb]
    form = form_class()
    if verb == "correct":
        form.category.choices = choices_from(Category, "")
        form.district.choices = choices_from(District, "")
    back = anchored(requested_next(url_for(".review", idea_id=idea.id)))
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(back)
    title = message(idea)
    try:
        decision = use_case(idea, form, parse_version(form.version.data))
    except services.ModerationError as error:
        refuse(error)
        return redirect(back)
    window = current_app.config["MODERATION_UNDO_SECONDS"]
    if decision.action is not None and window > 0:
        undo.hold_notices(decision, window)
        session["moderation_undo"] = decision.action.id
        session.pop("moderation_undo_batch", None)
    finish(decision, title)
    return redirect(back)


@bp.post("/moderation/actions/<int:action_id>/undo")
@staff_only
def undo_action(action_id):
    action = db.get_or_404(ModerationAction, action_id)
    back = requested_next(url_for(".queue"))
    try:
        idea, already_sent = undo.undo_decision(
            action, current_user, current_app.config["MODERATION_UNDO_SECONDS"]
        )
    except services.ModerationError as error:
        refuse(error)
        session.pop("moderation_undo", None)
        return redirect(back)
    db.session.commit()
    session.pop("moderation_undo", None)
    flash(
        _("“%(title)s” is back as it was: %(status)s.", title=idea.title, status=status_label(idea.status)),
        "success",
    )
    if already_sent:
        flash(_("The email to the author had already left; the notice on the site is withdrawn."), "warning")
    return redirect(f"{back}#item-{idea.id}")


@bp.post("/moderation/batches/<batch>/undo")
@staff_only
def undo_batch(batch):
    back = requested_next(url_for(".queue"))
    actions = undo.batch_actions(batch, current_user) if BATCH.fullmatch(batch) else []
    try:
        ideas, already_sent = undo.undo_batch(
            actions, current_user, current_app.config["MODERATION_UNDO_SECONDS"]
        )
    except services.ModerationError as error:
        refuse(error)
        session.pop("moderation_undo_batch", None)
        return redirect(back)
    db.session.commit()
    session.pop("moderation_undo_batch", None)
    flash(
        ngettext(
            "%(num)s decision undone: the item is back as it was.",
            "%(num)s decisions undone: the items are back as they were.",
            len(ideas),
        ),
        "success",
    )
    if already_sent:
        flash(
            ngettext(
                "%(num)s email to an author had already left; the notices on the site are withdrawn.",
                "%(num)s emails to authors had already left; the notices on the site are withdrawn.",
                already_sent,
            ),
            "warning",
        )
    return redirect(f"{back}#item-{ideas[0].id}")


def _offer_batch_undo(decisions):
    """Hold the authors' emails of undoable bulk decisions for the window and offer the undo."""
    window = current_app.config["MODERATION_UNDO_SECONDS"]
    batch = bulk_decisions.batch_of(decisions)
    if batch is None or window <= 0:
        return
    for decision in decisions:
        undo.hold_notices(decision, window)
    session["moderation_undo_batch"] = batch
    session.pop("moderation_undo", None)


@bp.post("/moderation/bulk")
@staff_only
def bulk():
    pairs = [value.partition("@") for value in request.form.getlist("items")]
    ids = [int_or_none(i) for i, _sep, _v in pairs if int_or_none(i)]
    ideas = {idea.id: idea for idea in db.session.scalars(db.select(Idea).where(Idea.id.in_(ids)))}
    items = [(ideas[int(i)], parse_version(v)) for i, _sep, v in pairs if int_or_none(i) in ideas]
    back = requested_next(url_for(".queue"))
    if not items:
        flash(_("Select at least one item."), "error")
        return redirect(back)
    verb = request.form.get("verb")
    try:
        decisions, skipped = bulk_decisions.bulk_decide(
            items,
            current_user,
            verb,
            request.form.get("hide_reason") if verb == "hide" else request.form.get("reason"),
            request.form.get("message"),
            int_or_none(request.form.get("category")),
        )
    except services.ModerationError as error:
        refuse(error)
        return redirect(back)
    _offer_batch_undo(decisions)
    db.session.commit()
    if decisions:
        flash(
            ngettext("%(num)s item decided.", "%(num)s items decided.", len(decisions)),
            "success",
        )
    for idea, error in skipped:
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
