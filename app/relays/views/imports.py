"""Importing paper forms typed into a spreadsheet: upload, preview row by row, commit all or none."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.creathon import storage
from app.creathon.importer import ImportRejected
from app.creathon.limits import Limits
from app.creathon.readers import MAX_BYTES, ReadError, read_table
from app.extensions import db, login_manager
from app.geometry.polygons import service_area
from app.relays import audit
from app.relays.blueprint import bp
from app.relays.forms import ConfirmImportForm, ImportForm
from app.relays.imports import Importer, import_forms, preview_forms
from app.relays.services import ORGANISATION_MAX, RelayError, relay_of

PENDING_SCOPE = "relays"
PREVIEW_ROWS = 200


def _importer(organisation=None):
    """The signed-in relay (their organisation and districts) or facilitator; 403 otherwise."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    relay = relay_of(current_user)
    if relay is not None and current_user.is_verified and not current_user.is_blocked:
        return Importer(current_user._get_current_object(), relay.organisation, list(relay.districts))
    if current_user.has_role("facilitator"):
        return Importer(current_user._get_current_object(), " ".join((organisation or "").split()))
    abort(403)


def _table(data, filename):
    return read_table(data, filename, Limits.from_config(current_app.config))


@bp.route("/relays/import", methods=["GET", "POST"])
def import_upload():
    importer = _importer()
    form = ImportForm()
    if request.method == "GET" and importer.organisation:
        form.organisation.data = importer.organisation
    if form.validate_on_submit():
        file = form.file.data
        data = file.read(MAX_BYTES + 1) if file else b""
        if not data:
            form.file.errors.append(_("Choose the spreadsheet to import."))
        else:
            try:
                _table(data, file.filename)
            except ReadError as error:
                form.file.errors.append(str(error.message))
            else:
                token = storage.save_pending(data, file.filename, PENDING_SCOPE, current_user.id)
                organisation = form.organisation.data
                return redirect(url_for("relays.import_preview", token=token, organisation=organisation))
    status = 400 if request.method == "POST" else 200
    return render_template("relays/import.html", form=form), status


def _pending(token):
    found = storage.load_pending(token, PENDING_SCOPE, current_user.id)
    if found is None:
        flash(_("This upload has expired or was cancelled. Upload the file again."), "error")
        return None
    data, meta = found
    try:
        return data, meta, _table(data, meta["filename"])
    except ReadError as error:
        storage.discard_pending(token, PENDING_SCOPE, current_user.id)
        flash(str(error.message), "error")
        return None


@bp.route("/relays/import/<token>", methods=["GET", "POST"])
def import_preview(token):
    organisation = request.values.get("organisation", "")
    importer = _importer(organisation)
    if not importer.organisation or len(importer.organisation) > ORGANISATION_MAX:
        flash(_("Name the organisation that collected the forms."), "error")
        return redirect(url_for("relays.import_upload"))
    pending = _pending(token)
    if pending is None:
        return redirect(url_for("relays.import_upload"))
    data, meta, table = pending
    area = service_area(current_app.config)
    form = ConfirmImportForm(token=token, organisation=importer.organisation)
    try:
        if request.method == "POST" and form.validate_on_submit():
            ideas, preview = import_forms(
                table, importer, area=area, premoderation=current_app.config["PREMODERATION"]
            )
            audit.log(current_user, "forms_imported", file=meta["filename"], count=len(ideas))
            db.session.commit()
            storage.discard_pending(token, PENDING_SCOPE, current_user.id)
            flash(ngettext("%(num)s form imported.", "%(num)s forms imported.", len(ideas)), "success")
            return redirect(url_for("relays.import_upload"))
        preview = preview_forms(table, importer, area=area)
    except ImportRejected as rejected:
        db.session.rollback()
        preview = rejected.preview
        flash(_("Nothing was imported: correct the rows in error and upload the file again."), "error")
    except RelayError as error:
        db.session.rollback()
        storage.discard_pending(token, PENDING_SCOPE, current_user.id)
        flash(str(error.message), "error")
        return redirect(url_for("relays.import_upload"))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "relays/import_preview.html",
        form=form,
        preview=preview,
        rows=preview.rows[:PREVIEW_ROWS],
        filename=meta["filename"],
        organisation=importer.organisation,
    ), status
