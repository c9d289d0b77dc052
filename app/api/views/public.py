"""The public read API: published ideas, categories, districts, créathons and moderation figures."""

from flask import current_app, jsonify, request, url_for
from flask_babel import gettext as _

from app.api import public_queries as queries
from app.api.blueprint import bp
from app.api.openapi import openapi_document
from app.api.params import BadParameter
from app.api.public_params import encode_cursor, parse_idea_query, refuse_unknown
from app.core.errors import render_error
from app.extensions import limiter
from app.opendata import datasets

PUBLIC_ENDPOINTS = set()
_per_address = limiter.shared_limit(lambda: current_app.config["RATELIMIT_API"], scope="api-public")


def public(view):
    """A read-only route open to every origin, limited per address."""
    PUBLIC_ENDPOINTS.add(f"api.{view.__name__}")
    return _per_address(view)


@bp.after_request
def allow_cross_origin_reads(response):
    if request.endpoint in PUBLIC_ENDPOINTS:
        # Reads only, and without cookies: any site may show the city's open data.
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


@bp.errorhandler(BadParameter)
def bad_parameter(error):
    return render_error(400, str(error))


def _iso(value):
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def _names(obj):
    return {"fr": obj.name_fr, "ar": obj.name_ar, "en": obj.name_en}


def _idea(idea):
    return {
        "id": idea.id,
        "title": idea.title,
        "description": idea.description,
        "category": idea.category.slug,
        "district": idea.district.slug if idea.district else None,
        "city_answer": idea.public_status,
        "supports": idea.support_count,
        "created_at": _iso(idea.created_at),
        "published_at": _iso(idea.published_at),
        "approximate": idea.approximate,
        "source": idea.source,
        "language": idea.language,
        "location": {"lng": idea.lng, "lat": idea.lat} if idea.is_placed else None,
        "url": url_for("ideas.detail", idea_id=idea.id, _external=True),
    }


def _rows(name, keep):
    return [{k: v for k, v in row.items() if k in keep} for row in datasets.rows_of(name)]


def _dated(rows):
    for row in rows:
        for key, value in row.items():
            if hasattr(value, "isoformat"):
                row[key] = value.isoformat()
    return rows


@bp.get("/ideas")
@public
def ideas():
    query = parse_idea_query(request.args)
    page, more = queries.idea_page(query)
    cursor = None
    if more:
        last = page[-1]
        values = (last.id,) if query.sort == "newest" else (last.support_count, last.id)
        cursor = encode_cursor(query.sort, values)
    return jsonify(ideas=[_idea(i) for i in page], next_cursor=cursor)


@bp.get("/ideas/<int:idea_id>")
@public
def idea(idea_id):
    refuse_unknown(request.args, ())
    # Ids are 32-bit in the database: a larger number names no idea (PostgreSQL would refuse it).
    found = queries.published_idea(idea_id) if idea_id < 2**31 else None
    if found is None:
        return render_error(404, _("There is no published idea with this number."))
    body = _idea(found)
    body["timeline"] = [
        {"status": e.status, "explanation": e.explanation, "at": _iso(e.created_at)}
        for e in queries.public_timeline(found.id)
    ]
    origin = queries.creathon_origin(found.id)
    body["creathon"] = (
        {
            "event": origin.Event.slug,
            "team": origin.Outcome.team,
            "rank": origin.Outcome.rank,
            "url": url_for("creathon.event", slug=origin.Event.slug, _external=True),
        }
        if origin
        else None
    )
    body["linked_outcomes"] = [
        {
            "idea_id": outcome.idea_id,
            "event": event.slug,
            "team": outcome.team,
            "rank": outcome.rank,
            "relation": relation,
            "url": url_for("ideas.detail", idea_id=outcome.idea_id, _external=True),
        }
        for outcome, event, relation in queries.creathon_links(found.id)
    ]
    return jsonify(body)


@bp.get("/categories")
@public
def categories():
    refuse_unknown(request.args, ())
    return jsonify(
        categories=[
            {"slug": c.slug, "theme": c.theme, "names": _names(c), "color": c.color, "active": c.is_active}
            for c in queries.all_categories()
        ]
    )


@bp.get("/districts")
@public
def districts():
    refuse_unknown(request.args, ())
    counts = {row["id"]: row for row in datasets.rows_of("districts")}
    return jsonify(
        districts=[
            {
                "slug": d.slug,
                "names": _names(d),
                "bbox": [d.min_lng, d.min_lat, d.max_lng, d.max_lat],
                "center": {"lng": d.center_lng, "lat": d.center_lat},
                "ideas": counts[d.id]["ideas"],
                "supports": counts[d.id]["supports"],
            }
            for d in queries.all_districts()
        ]
    )


@bp.get("/events")
@public
def events():
    refuse_unknown(request.args, ())
    keep = {f.name for f in datasets.EVENT_FIELDS}
    return jsonify(events=_dated(_rows("events", keep)))


@bp.get("/outcomes")
@public
def outcomes():
    refuse_unknown(request.args, ("event",))
    keep = {f.name for f in datasets.OUTCOME_FIELDS}
    rows = _rows("outcomes", keep)
    if request.args.get("event"):
        rows = [r for r in rows if r["event"] == request.args["event"]]
    return jsonify(outcomes=rows)


@bp.get("/transparency")
@public
def transparency():
    refuse_unknown(request.args, ())
    return jsonify(months=list(datasets.rows_of("moderation")))


@bp.get("/openapi.json")
@public
def openapi():
    server = url_for("api.openapi", _external=True).rsplit("/", 1)[0]
    return jsonify(openapi_document(server))
