"""Admin page for categories: names in three languages, colour, order, active or not."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.permissions import role_required
from app.extensions import db
from app.ideas.blueprint import bp
from app.ideas.forms import CategoryForm
from app.ideas.models import Category
from app.ideas.queries import categories_in_order
from app.ideas.services import save_category


def _slug_taken(form, category):
    stmt = select(Category.id).where(Category.slug == form.slug.data)
    if category is not None:
        stmt = stmt.where(Category.id != category.id)
    if db.session.scalar(stmt) is not None:
        form.slug.errors = [*form.slug.errors, _("Another category already uses this identifier.")]
        return True
    return False


def _save(form, category):
    return save_category(
        category,
        slug=form.slug.data,
        theme=form.theme.data,
        name_fr=form.name_fr.data,
        name_ar=form.name_ar.data,
        name_en=form.name_en.data,
        color=form.color.data,
        position=form.position.data,
        is_active=form.is_active.data,
    )


@bp.route("/admin/categories", methods=["GET", "POST"])
@role_required("admin")
def admin_categories():
    form = CategoryForm(prefix="new")
    if request.method == "POST":
        if form.validate_on_submit() and not _slug_taken(form, None):
            category = _save(form, None)
            db.session.commit()
            flash(_("Category “%(name)s” added.", name=category.name_en), "success")
            return redirect(url_for("ideas.admin_categories"))
    elif not form.color.data:
        form.color.data = "#1f6f8b"
    status = 400 if form.errors else 200
    return render_template(
        "ideas/admin_categories.html", categories=categories_in_order(active_only=False), form=form
    ), status


@bp.route("/admin/categories/<int:category_id>", methods=["GET", "POST"])
@role_required("admin")
def admin_category(category_id):
    category = db.get_or_404(Category, category_id)
    form = CategoryForm(obj=category)
    if form.validate_on_submit() and not _slug_taken(form, category):
        _save(form, category)
        db.session.commit()
        flash(_("Category “%(name)s” saved.", name=category.name_en), "success")
        return redirect(url_for("ideas.admin_categories"))
    status = 400 if form.errors else 200
    return render_template("ideas/admin_category.html", category=category, form=form), status
