"""Public moderation pages: reporting an idea, the city's answers, transparency, merged redirects."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core.charts import BarChart, month_label
from app.core.locale import text_direction
from app.core.permissions import role_required, verified_required
from app.extensions import db
from app.ideas.models import Idea
from app.moderation import queries, reporting, services
from app.moderation.blueprint import bp
from app.moderation.forms import PublicStatusForm, ReportForm
from app.moderation.labels import (
    ACTION_LABELS,
    PUBLIC_STATUS_LABELS,
    REPORT_REASON_LABELS,
    SIGNATURE_LABELS,
    reason_label,
)
from app.moderation.responses import finish, requested_next
from app.moderation.transparency import transparency_figures

staff_only = role_required("moderator")


@bp.route("/ideas/<int:idea_id>/report", methods=["GET", "POST"])
@verified_required  # reports hide ideas at a threshold: throwaway unconfirmed accounts may not
def report(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if not idea.is_published:
        abort(404)
    form = ReportForm()
    if form.validate_on_submit():
        try:
            decision = reporting.report_idea(
                idea,
                current_user,
                form.reason.data,
                form.details.data,
                form.target.data,
                threshold=current_app.config.get("REPORT_HIDE_THRESHOLD", 3),
            )
        except reporting.AlreadyReported as error:
            db.session.rollback()
            flash(str(error), "info")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
        except services.ModerationError as error:
            db.session.rollback()
            form.details.errors.append(str(error))
        else:
            finish(decision, _("Thank you: the moderators will review your report."))
            return redirect(
                url_for("core.home") if not idea.is_published else url_for("ideas.detail", idea_id=idea.id)
            )
    already = queries.has_reported(current_user.id, idea.id)
    return render_template("moderation/report.html", idea=idea, form=form, already=already), (
        422 if form.errors else 200
    )


@bp.route("/moderation/ideas/<int:idea_id>/public-status", methods=["GET", "POST"])
@staff_only
def public_status(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    form = PublicStatusForm()
    if form.validate_on_submit():
        try:
            decision = reporting.set_public_status(
                idea,
                current_user,
                form.status.data,
                {
                    "fr": form.explanation_fr.data,
                    "ar": form.explanation_ar.data,
                    "en": form.explanation_en.data,
                },
                form.signature.data,
            )
        except services.ModerationError as error:
            db.session.rollback()
            form.explanation_fr.errors.append(str(error))
        else:
            finish(decision, _("The city's answer is published."))
            return redirect(requested_next(url_for("ideas.detail", idea_id=idea.id)))
    return render_template(
        "moderation/public_status.html",
        idea=idea,
        form=form,
        history=queries.public_status_history(idea.id),
        labels=PUBLIC_STATUS_LABELS,
        signatures=SIGNATURE_LABELS,
    ), (422 if form.errors or any(f.errors for f in form) else 200)


@bp.get("/transparency")
def transparency():
    figures = transparency_figures()
    chart = BarChart(
        _("Ideas received, published and rejected per month"),
        [_("Received (ideas, plural)"), _("Published (ideas, plural)"), _("Rejected (ideas, plural)")],
        [
            (month_label(r["month"]), (r["received"], r["published"], r["rejected"]))
            for r in figures["months"]
        ],
    ).layout(text_direction(str(get_locale())) == "rtl")
    return render_template(
        "moderation/transparency.html",
        **figures,
        chart=chart,
        month_label=month_label,
        reason_label=reason_label,
        action_labels=ACTION_LABELS,
        report_reasons=REPORT_REASON_LABELS,
        signature_labels=SIGNATURE_LABELS,
    )


@bp.before_app_request
def redirect_merged_duplicates():
    """A merged duplicate's page leads to the original idea."""
    if request.endpoint != "ideas.detail" or not request.view_args:
        return None
    idea_id = next((v for v in request.view_args.values() if isinstance(v, int)), None)
    idea = db.session.get(Idea, idea_id) if idea_id else None
    target = queries.merged_target(idea) if idea is not None else None
    if target is None:
        return None
    return redirect(
        url_for(
            "ideas.detail", **{k: (target.id if v == idea_id else v) for k, v in request.view_args.items()}
        )
    )
