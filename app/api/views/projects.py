"""The public read API of city projects: the list (filtered) and one project with its milestones."""

import json

from flask import jsonify, request, url_for
from flask_babel import gettext as _

from app.api.blueprint import bp
from app.api.params import BadParameter
from app.api.public_params import refuse_unknown
from app.api.views.public import public
from app.core.errors import render_error
from app.ideas.queries import district_by_slug
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


def _status_filter():
    slug = request.args.get("status")
    if slug is None:
        return None
    if slug not in {s.slug for s in queries.statuses_in_order()}:
        raise BadParameter(
            _(
                "Unknown status “%(status)s”. Known statuses: %(statuses)s.",
                status=slug[:40],
                statuses=", ".join(s.slug for s in queries.statuses_in_order()),
            )
        )
    return slug


def _district_filter():
    slug = request.args.get("district")
    if slug is None:
        return None
    if district_by_slug(slug) is None:
        raise BadParameter(_("Unknown district “%(slug)s”.", slug=slug[:80]))
    return slug


@bp.get("/projects")
@public
def projects():
    refuse_unknown(request.args, ("status", "district"))
    status, district = _status_filter(), _district_filter()
    rows = [
        _project(row)
        for row in project_data.project_rows()
        if (status is None or row["status"] == status)
        and (district is None or district in row["districts"].split())
    ]
    return jsonify(projects=rows)


@bp.get("/projects/<int:project_id>")
@public
def project(project_id):
    refuse_unknown(request.args, ())
    found = queries.project_page(project_id)
    if found is None:
        return render_error(404, _("There is no project with this number."))
    (row,) = project_data.project_rows(only_id=found.id)
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
