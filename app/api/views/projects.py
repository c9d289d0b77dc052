"""The public read API of city projects: the list (filtered, by pages) and one project with its milestones."""

import json

from flask import jsonify, request, url_for
from flask_babel import gettext as _

from app.api.blueprint import bp
from app.api.project_params import CURSOR_KIND, parse_project_query
from app.api.public_params import encode_cursor, refuse_unknown
from app.api.views.public import public
from app.core.errors import render_error
from app.projects import opendata as project_data
from app.projects import queries


def _day(value):
    return value.isoformat() if value is not None else None


def _project(row):
    body = {k: (_day(v) if hasattr(v, "isoformat") else v) for k, v in row.items() if not k.startswith("_")}
    body["districts"] = row["districts"].split() if row["districts"] else []
    body["ideas"] = [int(i) for i in row["ideas"].split()] if row["ideas"] else []
    body["geometry"] = None if row["_geometry"] is None else json.loads(row["_geometry"])
    return body


@bp.get("/projects")
@public
def projects():
    query = parse_project_query(request.args)
    ids, more = queries.public_ids_after(query.status, query.district, query.after, query.limit)
    rows = [_project(row) for row in project_data.project_rows(ids=ids)]
    cursor = encode_cursor(CURSOR_KIND, (ids[-1],)) if more else None
    return jsonify(projects=rows, next_cursor=cursor)


@bp.get("/projects/<int:project_id>")
@public
def project(project_id):
    refuse_unknown(request.args, ())
    found = queries.project_page(project_id)
    if found is None:
        return render_error(404, _("There is no project with this number."))
    (row,) = project_data.project_rows(ids=[found.id])
    body = _project(row)
    body["milestones"] = [
        {
            "due_on": m.due_on.isoformat(),
            "reached_on": _day(m.reached_on),
            "text": m.text,
            "language": m.language,
            "photos": [url_for("projects.photo", name=p.name, _external=True) for p in m.photos],
        }
        for m in found.milestones
    ]
    body["timeline"] = [
        {
            "action": c.action,
            "explanation": c.explanation,
            "at": c.created_at.replace(microsecond=0).isoformat() + "Z",
        }
        for c in queries.timeline(found.id)
    ]
    return jsonify(body)
