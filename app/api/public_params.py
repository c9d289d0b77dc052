"""Reading and checking the public API's query strings: filters, sort, page size and cursor."""

import base64
import binascii
import json
from dataclasses import dataclass

from flask_babel import gettext as _

from app.api.params import MAX_QUERY_LENGTH, BadParameter, parse_bbox
from app.ideas.queries import category_by_slug, district_by_slug
from app.moderation.models import PUBLIC_STATUSES

SORTS = ("supported", "newest")
DEFAULT_LIMIT, MAX_LIMIT = 20, 100
IDEA_PARAMETERS = ("bbox", "category", "district", "status", "q", "sort", "cursor", "limit", "lang")


@dataclass
class IdeaQuery:
    bbox: tuple | None = None
    category: object = None
    district: object = None
    status: str | None = None
    q: str | None = None
    sort: str = "supported"
    after: tuple | None = None
    limit: int = DEFAULT_LIMIT


def refuse_unknown(args, known):
    unknown = sorted(set(args) - set(known) - {"lang"})
    if unknown:
        raise BadParameter(
            _(
                "Unknown parameter “%(name)s”. Known parameters: %(known)s.",
                name=unknown[0][:40],
                known=", ".join(k for k in known if k != "lang"),
            )
        )


def parse_limit(raw):
    text = (raw or "").strip()
    if not text:
        return DEFAULT_LIMIT
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise BadParameter(_("limit must be a whole number from 1 to %(max)s.", max=MAX_LIMIT))
    return int(text)


def encode_cursor(sort, values):
    raw = json.dumps([sort, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(raw, kind, length):
    """The values of a cursor written by `encode_cursor(kind, ...)` with `length` parts, or None."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    valid = (
        isinstance(decoded, list)
        and len(decoded) == length
        and decoded[0] == kind
        and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**31 for v in decoded[1:])
    )
    return tuple(decoded[1:]) if valid else None


def parse_cursor(raw, sort):
    """The (support count, id) or (id,) after which the page starts, from an opaque cursor."""
    if raw is None:
        return None
    values = decode_cursor(raw, sort, {"supported": 3, "newest": 2}[sort])
    if values is None:
        raise BadParameter(
            _("The cursor is not valid for this sort: use the next_cursor of a previous page, unchanged.")
        )
    return values


def parse_idea_query(args):
    refuse_unknown(args, IDEA_PARAMETERS)
    query = IdeaQuery()
    if "bbox" in args:
        query.bbox = parse_bbox(args["bbox"])
    if args.get("category"):
        query.category = category_by_slug(args["category"])
        if query.category is None:
            raise BadParameter(_("Unknown category “%(slug)s”.", slug=args["category"][:60]))
    if args.get("district"):
        query.district = district_by_slug(args["district"])
        if query.district is None:
            raise BadParameter(_("Unknown district “%(slug)s”.", slug=args["district"][:80]))
    if args.get("status"):
        if args["status"] not in PUBLIC_STATUSES:
            raise BadParameter(
                _(
                    "Unknown status “%(status)s”. Known statuses: %(statuses)s.",
                    status=args["status"][:40],
                    statuses=", ".join(PUBLIC_STATUSES),
                )
            )
        query.status = args["status"]
    q = (args.get("q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(_("The text filter q is limited to %(max)s characters.", max=MAX_QUERY_LENGTH))
    query.q = q or None
    query.sort = args.get("sort") or "supported"
    if query.sort not in SORTS:
        raise BadParameter(
            _(
                "Unknown sort “%(sort)s”. Known sorts: %(sorts)s.",
                sort=query.sort[:40],
                sorts=", ".join(SORTS),
            )
        )
    query.after = parse_cursor(args.get("cursor"), query.sort)
    query.limit = parse_limit(args.get("limit"))
    return query
