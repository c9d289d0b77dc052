"""Paper forms: a relay creates a batch for a district and prints its sheet (HTML or PDF)."""

from flask import Response, abort, g, redirect, render_template, request, url_for

from app.extensions import db
from app.ideas.queries import district_by_slug, districts_by_name
from app.ideas.viewhelpers import current_locale
from app.relays import queries
from app.relays.batches import create_batch
from app.relays.blueprint import bp
from app.relays.forms import BatchForm
from app.relays.sheet import sheet_context, sheet_pdf
from app.relays.views import relay_required


@bp.route("/relays/forms", methods=["GET", "POST"])
@relay_required
def forms():
    districts = [d for d in districts_by_name(current_locale()) if g.relay.covers(d)]
    form = BatchForm(districts=districts, locale=current_locale())
    if form.validate_on_submit():
        district = district_by_slug(form.district.data)
        batch = create_batch(g.relay.user, district)
        db.session.commit()
        return redirect(url_for("relays.sheet", code=batch.code))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "relays/forms.html", form=form, batches=queries.batches_of(g.relay.user_id)
    ), status


def _batch(code):
    batch = queries.batch_by_code(code)
    if batch is None or not g.relay.covers(batch.district):
        abort(404)
    return batch


@bp.get("/relays/forms/<code>")
@relay_required
def sheet(code):
    return render_template("relays/sheet.html", **sheet_context(_batch(code)))


@bp.get("/relays/forms/<code>.pdf")
@relay_required
def sheet_download(code):
    batch = _batch(code)
    response = Response(sheet_pdf(batch), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="agora-form-{batch.code}.pdf"'
    return response
