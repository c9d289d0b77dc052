"""The error report of a waiting import, and the history of imports with their original files."""

import csv
import io

from flask import Response, abort, render_template, send_file
from flask_babel import gettext as _

from app.creathon import queries, storage
from app.creathon.blueprint import bp
from app.creathon.text import csv_safe
from app.creathon.views.imports import StopFlow, manage, managed_event, previewed


@bp.get("/events/<slug>/import/<token>/errors.csv")
@manage
def error_report(slug, token):
    try:
        event, meta, table, chosen, result = previewed(slug, token)
    except StopFlow as stop:
        return stop.response
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Line"), _("Title"), _("Error")])
    for row in result.rows:
        for message in row.errors:
            writer.writerow([row.line, csv_safe(row.title), csv_safe(str(message))])
    name = storage.safe_filename(meta["filename"]).rsplit(".", 1)[0] + "-errors.csv"
    return Response(
        "\ufeff" + out.getvalue(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/events/<slug>/imports")
@manage
def imports(slug):
    event = managed_event(slug)
    return render_template("creathon/imports.html", event=event, records=queries.imports_of_event(event))


@bp.get("/events/<slug>/imports/<int:import_id>/file")
@manage
def import_file(slug, import_id):
    event = managed_event(slug)
    record = queries.import_in_event(event, import_id)
    path = storage.import_file_path(record.stored_name) if record else None
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=record.filename)
