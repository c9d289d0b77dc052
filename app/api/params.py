"""Reading and checking the map endpoint's query string (errors carry a translated message)."""

import math

from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, District
from app.mapindex.queries import MapFilter

MAX_ZOOM = 20
MAX_QUERY_LENGTH = 100
STATUSES = tuple(status.value for status in IdeaStatus)


class BadParameter(ValueError):
    """A query-string value the endpoint cannot use; str(error) says why, in the user's language."""


def parse_bbox(raw):
    if not raw:
        raise BadParameter(_("The bbox parameter is required: west,south,east,north in degrees."))
    parts = raw.split(",")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        numbers = []
    if len(parts) != 4 or len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise BadParameter(
            _(
                "bbox must be four numbers separated by commas: west,south,east,north (got “%(value)s”).",
                value=raw[:80],
            )
        )
    west, south, east, north = numbers
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadParameter(_("bbox is out of range: longitudes must be between -180 and 180."))
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise BadParameter(_("bbox is out of range: latitudes must be between -90 and 90."))
    if west > east:
        raise BadParameter(
            _("bbox is inverted: west (%(west)s) is greater than east (%(east)s).", west=west, east=east)
        )
    if south > north:
        raise BadParameter(
            _(
                "bbox is inverted: south (%(south)s) is greater than north (%(north)s).",
                south=south,
                north=north,
            )
        )
    return west, south, east, north


def parse_zoom(raw):
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ZOOM:
        raise BadParameter(_("zoom must be a whole number from 0 to %(max)s.", max=MAX_ZOOM))
    return int(text)


def parse_filter(args, can_moderate):
    """The MapFilter for `args`; PermissionError when a status needs a moderator."""
    status = args.get("status") or IdeaStatus.PUBLISHED.value
    if status not in STATUSES:
        raise BadParameter(
            _(
                "Unknown status “%(status)s”. Known statuses: %(statuses)s.",
                status=status[:40],
                statuses=", ".join(STATUSES),
            )
        )
    category_id = _id_for(Category, args.get("category"))
    if category_id is False:
        raise BadParameter(_("Unknown category “%(slug)s”.", slug=args["category"][:60]))
    district_id = _id_for(District, args.get("district"))
    if district_id is False:
        raise BadParameter(_("Unknown district “%(slug)s”.", slug=args["district"][:80]))
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(_("The text filter q is limited to %(max)s characters.", max=MAX_QUERY_LENGTH))
    if status != IdeaStatus.PUBLISHED.value and not can_moderate:
        raise PermissionError(_("Only moderators can see ideas that are not published."))
    return MapFilter(status=status, category_id=category_id, district_id=district_id, q=q or None)


def _id_for(model, slug):
    if not slug:
        return None
    found = db.session.execute(select(model.id).where(model.slug == slug)).scalar_one_or_none()
    return found if found is not None else False
