"""Reading and checking the query string of the API's project list: filters, page size and cursor."""

from dataclasses import dataclass

from flask_babel import gettext as _

from app.api.params import BadParameter
from app.api.public_params import DEFAULT_LIMIT, decode_cursor, parse_limit, refuse_unknown
from app.ideas.queries import district_by_slug
from app.projects.queries import statuses_in_order

PROJECT_PARAMETERS = ("status", "district", "cursor", "limit", "lang")
# The first part of a project cursor: an idea list's cursor is refused here, and the reverse.
CURSOR_KIND = "projects"


@dataclass
class ProjectQuery:
    status: object = None
    district: object = None
    after: int = 0
    limit: int = DEFAULT_LIMIT


def _status(slug):
    statuses = statuses_in_order()
    found = next((s for s in statuses if s.slug == slug), None)
    if found is None:
        raise BadParameter(
            _(
                "Unknown status “%(status)s”. Known statuses: %(statuses)s.",
                status=slug[:40],
                statuses=", ".join(s.slug for s in statuses),
            )
        )
    return found


def _after(raw):
    if raw is None:
        return 0
    values = decode_cursor(raw, CURSOR_KIND, 2)
    if values is None:
        raise BadParameter(
            _("The cursor is not valid for this list: use the next_cursor of a previous page, unchanged.")
        )
    return values[0]


def parse_project_query(args):
    refuse_unknown(args, PROJECT_PARAMETERS)
    query = ProjectQuery()
    if "status" in args:
        query.status = _status(args["status"])
    if "district" in args:
        query.district = district_by_slug(args["district"])
        if query.district is None:
            raise BadParameter(_("Unknown district “%(slug)s”.", slug=args["district"][:80]))
    query.after = _after(args.get("cursor"))
    query.limit = parse_limit(args.get("limit"))
    return query
