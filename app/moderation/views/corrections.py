"""Authors' corrections to their published ideas: proposing one, and the moderators' decision."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.core.permissions import role_required, verified_required
from app.extensions import db
from app.ideas.models import Category, Idea
from app.ideas.queries import categories_in_order
from app.moderation import edits, queries
from app.moderation.blueprint import bp
from app.moderation.forms import DecisionForm, EditProposalForm, EditRejectForm
from app.moderation.models import IdeaEdit
from app.moderation.responses import decide, requested_next
from app.moderation.services import ModerationError

staff_only = role_required("moderator")


def _proposal_form(idea, waiting):
    source = waiting or idea
    form = EditProposalForm(
        data={"title": source.title, "description": source.description, "category": str(source.category_id)}
    )
    form.category.choices = [
        SelectChoice(str(category.id), category.name(str(get_locale()))) for category in categories_in_order()
    ]
    return form


@bp.route("/ideas/<int:idea_id>/correction", methods=["GET", "POST"])
@verified_required
def propose_edit(idea_id):
    idea = db.get_or_404(Idea, idea_id)
    if idea.author_id != current_user.id or not idea.is_published:
        abort(404)
    waiting = queries.pending_edit(idea.id)
    form = _proposal_form(idea, waiting)
    if form.validate_on_submit():
        category = db.session.get(Category, int(form.category.data)) if form.category.data.isdigit() else None
        try:
            edits.propose_edit(idea, current_user, form.title.data, form.description.data, category)
        except ModerationError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(
                _(
                    "Your correction is sent to the moderators."
                    " The idea stays as it is until they approve it."
                ),
                "success",
            )
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    status = 400 if form.is_submitted() else 200
    return render_template("moderation/propose_edit.html", idea=idea, form=form, waiting=waiting), status


@bp.post("/moderation/edits/<int:edit_id>/approve")
@staff_only
def approve_edit(edit_id):
    edit = db.get_or_404(IdeaEdit, edit_id)
    return decide(
        DecisionForm(),
        requested_next(url_for(".queue")),
        lambda: edits.approve_edit(edit, current_user),
        _("The correction is applied to the published idea."),
    )


@bp.post("/moderation/edits/<int:edit_id>/reject")
@staff_only
def reject_edit(edit_id):
    edit = db.get_or_404(IdeaEdit, edit_id)
    form = EditRejectForm()
    return decide(
        form,
        requested_next(url_for(".queue")),
        lambda: edits.reject_edit(edit, current_user, form.reason.data, form.message.data),
        _("The correction is rejected; its author has been told why."),
    )
