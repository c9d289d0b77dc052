"""The import flow for facilitators: upload → column mapping → preview → commit, and the
history of imports with their original files."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.core.permissions import role_required
from app.creathon import importer, linking, queries, services, storage
from app.creathon.blueprint import bp
from app.creathon.forms import MappingForm, UploadForm
from app.creathon.limits import Limits
from app.creathon.mapping import (
    FIELDS,
    MappingError,
    find_header,
    guess_mapping,
    mapping_from_form,
    mapping_to_query,
)
from app.creathon.options import ImportOptions
from app.creathon.readers import MAX_BYTES, ReadError, read_table
from app.creathon.summary import summarise
from app.extensions import db
from app.geometry.polygons import service_area

PREVIEW_ROWS = 200
SUGGESTED_ROWS = 50


manage = role_required("facilitator")


def managed_event(slug):
    event = queries.event_by_slug(slug)
    if event is None:
        abort(404)
    if not services.can_manage(current_user, event):
        abort(403)
    return event


def _read(data, filename):
    return read_table(data, filename, Limits.from_config(current_app.config))


def _pending(event, token):
    """The waiting upload and its parsed table, or a redirect to the upload page."""
    found = storage.load_pending(token, event.id, current_user.id)
    if found is None:
        flash(_("This upload has expired or was cancelled. Upload the file again."), "error")
        return None, redirect(url_for("creathon.upload", slug=event.slug))
    data, meta = found
    try:
        table = find_header(_read(data, meta["filename"]))
    except ReadError as error:
        storage.discard_pending(token, event.id, current_user.id)
        flash(str(error.message), "error")
        return None, redirect(url_for("creathon.upload", slug=event.slug))
    return (data, meta, table), None


@bp.route("/events/<slug>/import", methods=["GET", "POST"])
@manage
def upload(slug):
    event = managed_event(slug)
    form = UploadForm()
    if form.validate_on_submit():
        file = form.file.data
        data = file.read(MAX_BYTES + 1)
        try:
            _read(data, file.filename)
        except ReadError as error:
            form.file.errors.append(str(error.message))
        else:
            token = storage.save_pending(data, file.filename, event.id, current_user.id)
            return redirect(url_for("creathon.mapping", slug=event.slug, token=token))
    return render_template("creathon/upload.html", event=event, form=form)


@bp.route("/events/<slug>/import/<token>", methods=["GET", "POST"])
@manage
def mapping(slug, token):
    event = managed_event(slug)
    pending, back = _pending(event, token)
    if pending is None:
        return back
    _data, meta, table = pending
    starting = _starting_mapping(table)
    options = _options(event, request.args)
    categories = queries.categories_in_order()
    form = MappingForm.for_header(table.header, starting, categories, options)
    errors = []
    if form.validate_on_submit():
        try:
            chosen = mapping_from_form({name: getattr(form, name).data for name, _ in FIELDS}, table.header)
        except MappingError as error:
            errors = [str(m) for m in error.messages]
        else:
            chosen_options = _options(
                event, {"default_category": form.default_category.data, "publish": form.publish.data}
            )
            options.default_category = chosen_options.default_category
            options.publish = chosen_options.publish
            return redirect(
                url_for(
                    "creathon.preview",
                    slug=event.slug,
                    token=token,
                    **mapping_to_query(chosen),
                    **options.to_query(),
                )
            )
    elif request.method == "GET":
        try:
            mapping_from_form(mapping_to_query(starting), table.header)
        except MappingError as error:
            errors = [str(m) for m in error.messages]
    samples = table.rows[:3]
    return render_template(
        "creathon/mapping.html",
        event=event,
        form=form,
        token=token,
        meta=meta,
        table=table,
        samples=samples,
        errors=errors,
        fields=FIELDS,
    )


def _options(event, values):
    """The facilitator's choices in `values`; publication defaults to the event's."""
    options = ImportOptions.from_values(values, queries.category_ids())
    if options.publish is None:
        options.publish = event.publish_directly
    return options


def _starting_mapping(table):
    """The columns chosen before ("Change the columns" from the preview), else the guess."""
    if any(name in request.args for name, _label in FIELDS):
        chosen = {}
        for name, _label in FIELDS:
            value = request.args.get(name, "")
            chosen[name] = int(value) if value.isdigit() and int(value) < len(table.header) else None
        return chosen
    return guess_mapping(table.header)


def _mapping_from_args(table, source):
    try:
        return mapping_from_form(source, table.header)
    except MappingError as error:
        for message in error.messages:
            flash(str(message), "error")
        return None


class StopFlow(Exception):
    """The pending upload or its mapping is unusable; `response` says where to go instead."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _mapped_upload(slug, token, source):
    """The event, the pending upload (data, meta, table), the mapping chosen in `source`."""
    event = managed_event(slug)
    pending, back = _pending(event, token)
    if pending is None:
        raise StopFlow(back)
    data, meta, table = pending
    chosen = _mapping_from_args(table, source)
    if chosen is None:
        raise StopFlow(redirect(url_for("creathon.mapping", slug=event.slug, token=token)))
    return event, data, meta, table, chosen


def previewed(slug, token):
    """The event, the upload's meta, table and mapping, and the rows as the import would read them."""
    event, _data, meta, table, chosen = _mapped_upload(slug, token, request.args)
    result = importer.preview_rows(
        event,
        table.rows,
        chosen,
        header=table.header,
        area=service_area(current_app.config),
        options=_options(event, request.args),
    )
    return event, meta, table, chosen, result


@bp.get("/events/<slug>/import/<token>/preview")
@manage
def preview(slug, token):
    try:
        event, meta, table, chosen, result = previewed(slug, token)
    except StopFlow as stop:
        return stop.response
    shown = [r for r in result.rows if r.errors] + [r for r in result.rows if not r.errors]
    shown = shown[:PREVIEW_ROWS]
    suggestions = _preview_suggestions([r for r in shown if not r.errors][:SUGGESTED_ROWS])
    return render_template(
        "creathon/preview.html",
        event=event,
        token=token,
        meta=meta,
        table=table,
        preview=result,
        summary=summarise(result),
        shown=shown,
        suggestions=suggestions,
        mapping_query=mapping_to_query(chosen),
        link_query={**mapping_to_query(chosen), **result.options.to_query()},
        options=result.options,
        categories=queries.categories_in_order(),
        limit=PREVIEW_ROWS,
    )


def _preview_suggestions(rows):
    targets = [
        linking.Target(
            row.line,
            linking.idea_text(row.title, row.description),
            row.lat,
            row.lng,
            row.approximate,
            row.district_id,
        )
        for row in rows
    ]
    index = linking.CandidateIndex.around(targets)
    return {target.key: index.suggest(target, limit=3) for target in targets}


@bp.post("/events/<slug>/import/<token>/preview")
@manage
def commit(slug, token):
    try:
        event, data, meta, table, chosen = _mapped_upload(slug, token, request.form)
    except StopFlow as stop:
        return stop.response
    options = _options(event, request.form)
    back = url_for(
        "creathon.preview", slug=event.slug, token=token, **mapping_to_query(chosen), **options.to_query()
    )
    record = None
    try:
        record, _result = importer.import_rows(
            event,
            table.rows,
            chosen,
            user=current_user,
            filename=meta["filename"],
            data=data,
            header=table.header,
            area=service_area(current_app.config),
            options=options,
        )
        db.session.commit()
    except importer.ImportRejected:
        db.session.rollback()
        flash(
            _("The file has errors: nothing was imported. Correct them and upload the file again."), "error"
        )
        return redirect(back)
    except importer.DecisionNeeded:
        db.session.rollback()
        flash(
            _(
                "Some rows look like outcomes already imported: choose whether to skip them or to "
                "create them anyway. Nothing was imported."
            ),
            "error",
        )
        return redirect(back)
    except IntegrityError:
        # Another import into this event committed the same outcomes first.
        db.session.rollback()
        importer.discard_file(record)
        flash(
            _("Another import into this event was saved at the same moment: check the preview again."),
            "error",
        )
        return redirect(back)
    except Exception:
        db.session.rollback()
        importer.discard_file(record)
        raise
    storage.discard_pending(token, event.id, current_user.id)
    flash(
        _(
            "Import done: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(skipped)s not imported.",
            created=record.created_count,
            updated=record.updated_count,
            unchanged=record.unchanged_count,
            skipped=record.skipped_count,
        ),
        "success",
    )
    return redirect(url_for("creathon.event", slug=event.slug))


@bp.post("/events/<slug>/import/<token>/cancel")
@manage
def cancel(slug, token):
    event = managed_event(slug)
    storage.discard_pending(token, event.id, current_user.id)
    flash(_("The import is cancelled; nothing was written."), "info")
    return redirect(url_for("creathon.event", slug=event.slug))
