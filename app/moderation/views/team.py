"""The team's pages: claiming items, private notes, the audit log, exports, statistics, texts."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.accounts.models import User
from app.core.permissions import role_required
from app.extensions import db
from app.ideas.models import Idea
from app.moderation import exports, queries, services, team, teamqueries, texts
from app.moderation.blueprint import bp
from app.moderation.forms import ClaimForm, LogFilterForm, NoteForm, QueueFilterForm, TextsForm
from app.moderation.labels import ACTION_LABELS, REJECT_REASON_LABELS, reason_label
from app.moderation.models import ACTIONS
from app.moderation.notices import BUILTIN
from app.moderation.queries import Page
from app.moderation.responses import finish, first_error, refuse, requested_next
from app.moderation.views.decisions import anchored
from app.moderation.views.staff import int_or_none, queue_filters

staff_only = role_required("moderator")
LOG_PER_PAGE = 50
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _back(idea):
    return anchored(requested_next(url_for(".review", idea_id=idea.id)))


@bp.post("/moderation/ideas/<int:idea_id>/claim")
@staff_only
def claim(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    form = ClaimForm()
    back = _back(idea)
    wanted = form.assignee.data or ""
    assignee = db.session.get(User, int_or_none(wanted)) if int_or_none(wanted) else None
    if wanted and assignee is None:
        flash(_("Choose a moderator from the list."), "error")
        return redirect(back)
    try:
        held = team.claim_item(idea, current_user, assignee, take_over=form.take_over.data)
    except services.ModerationError as error:
        refuse(error)
        return redirect(back)
    name = held.user.display_name
    finish(None, _("“%(title)s” is now with %(name)s.", title=idea.title, name=name))
    return redirect(back)


@bp.post("/moderation/ideas/<int:idea_id>/release")
@staff_only
def release(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    back = _back(idea)
    try:
        team.release_item(idea, current_user)
    except services.ModerationError as error:
        refuse(error)
        return redirect(back)
    finish(None, _("“%(title)s” is back with the whole team.", title=idea.title))
    return redirect(back)


@bp.post("/moderation/ideas/<int:idea_id>/notes")
@staff_only
def add_note(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    form = NoteForm()
    back = url_for(".review", idea_id=idea.id) + "#notes-title"
    if not form.validate_on_submit():
        flash(first_error(form), "error")
        return redirect(back)
    try:
        team.add_note(idea, current_user, form.body.data)
    except services.ModerationError as error:
        refuse(error)
        return redirect(back)
    finish(None, _("Your note is saved; only moderators see it."))
    return redirect(back)


def _download(data, fmt, name):
    return Response(
        data,
        mimetype=FORMATS[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/moderation/export.<fmt>")
@staff_only
def export_queue(fmt):
    if fmt not in FORMATS:
        abort(404)
    form = QueueFilterForm(request.args)
    form.category.choices = form.district.choices = []
    filters, _unknown = queue_filters(form)
    page = queries.moderation_queue(filters, page=1, per_page=exports.EXPORT_LIMIT)
    claims = team.claims_for({getattr(item, "idea_id", item.id) for item in page.items})
    header, rows = exports.queue_rows(page.items, claims)
    if fmt == "csv":
        return _download(exports.as_csv(header, rows), fmt, "moderation-queue")
    return _download(exports.as_xlsx(header, rows, _("Queue")), fmt, "moderation-queue")


def _log_form():
    form = LogFilterForm(request.args)
    form.moderator.choices = [SelectChoice("", _("Everyone"))] + [
        SelectChoice(str(u.id), u.display_name) for u in teamqueries.log_actors()
    ]
    form.action.choices = [SelectChoice("", _("Every action"))] + [
        SelectChoice(code, str(ACTION_LABELS.get(code, code))) for code in ACTIONS
    ]
    errors = []
    form.validate()
    for name in ("since", "until"):
        if getattr(form, name).errors:
            errors.append(_("Write dates as YYYY-MM-DD, e.g. 2026-12-04."))
            getattr(form, name).data = None
    if form.idea.errors:
        errors.append(_("Give the number of an idea."))
        form.idea.data = None
    moderator = form.moderator.data or ""
    action = form.action.data or ""
    if action and action not in ACTIONS:
        errors.append(_("“%(value)s” is not an action of the log: every action is shown.", value=action))
        action = ""
    filters = teamqueries.LogFilters(
        actor_id=int_or_none(moderator),
        action=action,
        idea_id=form.idea.data,
        since=form.since.data,
        until=form.until.data,
    )
    return form, filters, list(dict.fromkeys(errors))


@bp.get("/moderation/log")
@staff_only
def audit_log():
    form, filters, errors = _log_form()
    number = max(1, request.args.get("page", 1, type=int))
    stmt = teamqueries.audit_log(filters)
    total = db.session.scalar(db.select(db.func.count()).select_from(stmt.order_by(None).subquery()))
    entries = db.session.scalars(stmt.limit(LOG_PER_PAGE).offset((number - 1) * LOG_PER_PAGE)).all()
    return render_template(
        "moderation/audit_log.html",
        form=form,
        errors=errors,
        page=Page(entries, number, LOG_PER_PAGE, total),
        action_labels=ACTION_LABELS,
        reason_label=reason_label,
    )


@bp.get("/moderation/log/export.<fmt>")
@staff_only
def export_log(fmt):
    if fmt not in FORMATS:
        abort(404)
    _form, filters, _errors = _log_form()
    header, rows = exports.decision_rows(teamqueries.audit_rows(filters, exports.EXPORT_LIMIT))
    if fmt == "csv":
        return _download(exports.as_csv(header, rows), fmt, "moderation-decisions")
    return _download(exports.as_xlsx(header, rows, _("Decisions")), fmt, "moderation-decisions")


@bp.get("/moderation/stats")
@staff_only
def stats():
    median, per_moderator, decided = teamqueries.median_hours_to_decision()
    return render_template(
        "moderation/stats.html",
        backlog=teamqueries.backlog(),
        moderators=teamqueries.decisions_per_moderator(),
        median=median,
        median_per_moderator=per_moderator,
        decided=decided,
        action_labels=ACTION_LABELS,
        columns=teamqueries.DECISIONS,
    )


def _builtin_texts():
    """{key: {language: built-in text}}, with the notices' placeholders shown as {title}."""
    sample = {"title": "{title}", "reason": "{reason}", "message": ""}
    found = {}
    for code in REJECT_REASON_LABELS:
        found[texts.reason_key(code)] = {
            lang: texts.builtin(lambda code=code: REJECT_REASON_LABELS[code], lang)
            for lang in texts.LANGUAGES
        }
    for kind in texts.EDITABLE_NOTICES:
        found[texts.notice_key(kind)] = {
            lang: texts.builtin(lambda kind=kind: BUILTIN[kind](sample), lang) for lang in texts.LANGUAGES
        }
    return found


@bp.route("/moderation/texts", methods=["GET", "POST"])
@role_required("admin")
def edit_texts():
    if request.method == "POST":
        form = TextsForm()
        if not form.validate_on_submit():
            flash(first_error(form), "error")
            return redirect(url_for(".edit_texts"))
        try:
            texts.set_texts(
                form.key.data,
                {"fr": form.text_fr.data, "ar": form.text_ar.data, "en": form.text_en.data},
                current_user,
            )
        except texts.TextError as error:
            refuse(error)
            return redirect(url_for(".edit_texts") + f"#text-{form.key.data.replace(':', '-')}")
        finish(None, _("The texts are saved; empty ones use the built-in wording."))
        return redirect(url_for(".edit_texts") + f"#text-{form.key.data.replace(':', '-')}")
    current = {
        (key, lang): texts.custom(key, lang) for key in texts.editable_keys() for lang in texts.LANGUAGES
    }
    return render_template(
        "moderation/texts.html",
        keys=texts.editable_keys(),
        builtin=_builtin_texts(),
        current=current,
        placeholders=texts.EDITABLE_NOTICES,
        notice_labels=texts.NOTICE_LABELS,
        form=TextsForm(formdata=None),
    )
