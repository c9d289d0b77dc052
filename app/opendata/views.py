"""Open-data views: the catalogue page and the streamed downloads."""

from flask import (
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_from_directory,
    stream_with_context,
)
from flask_babel import gettext as _

from app.core.errors import render_error
from app.opendata import datasets
from app.opendata.blueprint import bp
from app.opendata.formats import csv_chunks, geojson_chunks
from app.opendata.snapshots import NAME, snapshot_dir, snapshot_files

MIMETYPES = {datasets.CSV: "text/csv", datasets.GEOJSON: "application/geo+json"}
WRITERS = {datasets.CSV: csv_chunks, datasets.GEOJSON: geojson_chunks}
# Shared caches may keep a copy but must ask again each time: an unchanged dataset costs a 304.
CACHE = "public, no-cache"


@bp.get("/open-data")
def index():
    return render_template(
        "opendata/index.html",
        catalogue=datasets.catalogue(),
        versions=datasets.versions(),
        licence=current_app.config["OPEN_DATA_LICENCE"],
        licence_url=current_app.config["OPEN_DATA_LICENCE_URL"],
        snapshots=snapshot_files(),
    )


@bp.get("/open-data/snapshots/<filename>")
def snapshot(filename):
    if not NAME.match(filename):
        abort(404)
    # A snapshot never changes once written: caches may keep it for good.
    return send_from_directory(snapshot_dir(), filename, as_attachment=True, max_age=31536000)


@bp.get("/open-data/<name>.<fmt>")
def download(name, fmt):
    dataset = datasets.dataset_named(name)
    if dataset is None or fmt not in dataset.formats:
        return render_error(404, _("There is no such dataset or format. The open-data page lists them all."))
    unknown = sorted(set(request.args) - {"lang"})
    if unknown:
        return render_error(400, _("Downloads take no parameters: %(names)s.", names=", ".join(unknown)))
    etag, modified, _count = datasets.versions()[name]
    chunks = WRITERS[fmt](dataset.fields, datasets.rows_of(name))
    response = Response(stream_with_context(chunks), mimetype=MIMETYPES[fmt])
    # Never gathered into memory to compute a Content-Length: the body is sent as it is written.
    response.implicit_sequence_conversion = False
    if fmt == datasets.CSV:
        response.mimetype_params["charset"] = "utf-8"
    response.set_etag(etag)
    if modified is not None:
        response.last_modified = modified
    response.headers["Cache-Control"] = CACHE
    response.headers["Content-Disposition"] = f'attachment; filename="agora-{name}.{fmt}"'
    return response.make_conditional(request)
