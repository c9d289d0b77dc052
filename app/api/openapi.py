"""The OpenAPI 3.1 document of /api/v1, written by hand and proved by the tests against the routes."""

from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l

from app.api.openapi_projects import SCHEMAS as PROJECT_SCHEMAS
from app.api.openapi_projects import project_paths
from app.api.params import MAX_QUERY_LENGTH, MAX_ZOOM
from app.api.public_params import MAX_LIMIT, SORTS
from app.moderation.models import PUBLIC_STATUSES

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
TIMESTAMP = {"type": ["string", "null"], "format": "date-time"}
NAMES = {
    "type": "object",
    "required": ["fr", "ar", "en"],
    "properties": {"fr": {"type": "string"}, "ar": {"type": "string"}, "en": {"type": "string"}},
}
POINT = {
    "type": "object",
    "required": ["lng", "lat"],
    "properties": {"lng": {"type": "number"}, "lat": {"type": "number"}},
}


def _object(properties, extra=()):
    return {"type": "object", "required": list(properties) + list(extra), "properties": properties}


IDEA = _object(
    {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "category": {"type": "string"},
        "district": NULLABLE_STRING,
        "city_answer": {"type": ["string", "null"], "enum": [*PUBLIC_STATUSES, None]},
        "supports": {"type": "integer", "minimum": 0},
        "created_at": TIMESTAMP,
        "published_at": TIMESTAMP,
        "approximate": {"type": "boolean"},
        "source": {"type": "string", "enum": ["citizen", "creathon"]},
        "language": {"type": "string"},
        "location": {"oneOf": [POINT, {"type": "null"}]},
        "url": {"type": "string", "format": "uri"},
    }
)
IDEA_DETAIL = {
    "allOf": [
        {"$ref": "#/components/schemas/Idea"},
        _object(
            {
                "timeline": {
                    "type": "array",
                    "items": _object(
                        {"status": {"type": "string"}, "explanation": {"type": "string"}, "at": TIMESTAMP}
                    ),
                },
                "creathon": {
                    "oneOf": [
                        _object(
                            {
                                "event": {"type": "string"},
                                "team": NULLABLE_STRING,
                                "rank": NULLABLE_INTEGER,
                                "url": {"type": "string"},
                            }
                        ),
                        {"type": "null"},
                    ]
                },
                "linked_outcomes": {
                    "type": "array",
                    "items": _object(
                        {
                            "idea_id": {"type": "integer"},
                            "event": {"type": "string"},
                            "team": NULLABLE_STRING,
                            "rank": NULLABLE_INTEGER,
                            "relation": NULLABLE_STRING,
                            "url": {"type": "string"},
                        }
                    ),
                },
            }
        ),
    ]
}
SCHEMAS = {
    "Error": _object({"error": {"type": "string"}, "message": {"type": "string"}}),
    "Idea": IDEA,
    "IdeaDetail": IDEA_DETAIL,
    "IdeaPage": _object(
        {
            "ideas": {"type": "array", "items": {"$ref": "#/components/schemas/Idea"}},
            "next_cursor": NULLABLE_STRING,
        }
    ),
    "Categories": _object(
        {
            "categories": {
                "type": "array",
                "items": _object(
                    {
                        "slug": {"type": "string"},
                        "theme": {"type": "string"},
                        "names": NAMES,
                        "color": {"type": "string"},
                        "active": {"type": "boolean"},
                    }
                ),
            }
        }
    ),
    "Districts": _object(
        {
            "districts": {
                "type": "array",
                "items": _object(
                    {
                        "slug": {"type": "string"},
                        "names": NAMES,
                        "bbox": {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
                        "center": POINT,
                        "ideas": {"type": "integer"},
                        "supports": {"type": "integer"},
                    }
                ),
            }
        }
    ),
    "Events": _object(
        {
            "events": {
                "type": "array",
                "items": _object(
                    {
                        "id": {"type": "integer"},
                        "slug": {"type": "string"},
                        "kind": {"type": "string"},
                        "title": {"type": "string"},
                        "start_date": {"type": "string", "format": "date"},
                        "end_date": {"type": ["string", "null"], "format": "date"},
                        "venue": NULLABLE_STRING,
                        "partners": {"type": "string"},
                        "outcomes": {"type": "integer"},
                        "url": {"type": "string"},
                    }
                ),
            }
        }
    ),
    "Outcomes": _object(
        {
            "outcomes": {
                "type": "array",
                "items": _object(
                    {
                        "id": {"type": "integer"},
                        "event": {"type": "string"},
                        "team": NULLABLE_STRING,
                        "rank": NULLABLE_INTEGER,
                        "idea_id": {"type": "integer"},
                        "title": {"type": "string"},
                        "approximate": {"type": "boolean"},
                        "url": {"type": "string"},
                    }
                ),
            }
        }
    ),
    "Transparency": _object(
        {
            "months": {
                "type": "array",
                "items": _object(
                    {
                        "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                        "category": NULLABLE_STRING,
                        "received": {"type": "integer"},
                        "published": {"type": "integer"},
                        "rejected": {"type": "integer"},
                    }
                ),
            }
        }
    ),
    "FeatureCollection": _object(
        {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": {"type": "object"}}}
    ),
}


def _query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


NUMBER = r"-?[0-9]{1,3}(\.[0-9]+)?"
BBOX = _query(
    "bbox",
    _l("west,south,east,north in degrees (WGS 84)"),
    {"type": "string", "pattern": f"^{NUMBER}(,{NUMBER}){{3}}$"},
)
FILTERS = [
    _query("category", _l("Category slug"), {"type": "string"}),
    _query("district", _l("District slug"), {"type": "string"}),
    _query("q", _l("Words of the title or description"), {"type": "string", "maxLength": MAX_QUERY_LENGTH}),
]
LANG = _query("lang", _l("Language of error messages"), {"type": "string", "enum": ["fr", "ar", "en"]})


def _json(ref):
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


ERRORS = {
    "400": {
        "description": _l("A parameter is malformed or unknown; the message says which."),
        **_json("Error"),
    },
    "429": {"description": _l("Too many requests from this address."), **_json("Error")},
}


def _get(summary, ref, parameters=(), extra=None, content=None):
    responses = {"200": {"description": summary, **(content or _json(ref))}, **ERRORS, **(extra or {})}
    return {"get": {"summary": summary, "parameters": [*parameters, LANG], "responses": responses}}


def openapi_document(server_url):
    """The document, with `server_url` (…/api/v1) as its only server, in English."""
    with force_locale("en"):
        return plain(described_document(server_url))


def plain(value):
    """The document with every lazy text made a plain string in the current language."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return str(value) if isinstance(value, LazyString) else value


def described_document(server_url):
    """The document whose human texts are lazy: the docs page shows them in the reader's language."""
    not_found = {"404": {"description": _l("No published idea with this number."), **_json("Error")}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Agora public API",
            "version": "1.0.0",
            "description": _l(
                "Read-only open data of Agora: published ideas, districts, créathons, moderation."
            ),
            "license": {"name": "ODbL-1.0", "identifier": "ODbL-1.0"},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/ideas": _get(
                _l("Published ideas, one page at a time"),
                "IdeaPage",
                [
                    BBOX,
                    *FILTERS,
                    _query(
                        "status",
                        _l("The city's public answer"),
                        {"type": "string", "enum": list(PUBLIC_STATUSES)},
                    ),
                    _query("sort", _l("Order of the ideas"), {"type": "string", "enum": list(SORTS)}),
                    _query("cursor", _l("next_cursor of the previous page"), {"type": "string"}),
                    _query(
                        "limit", _l("Ideas per page"), {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
                    ),
                ],
            ),
            "/ideas/{idea_id}": _get(
                _l("One published idea with its timeline and créathon links"),
                "IdeaDetail",
                [
                    {
                        "name": "idea_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 0},
                    }
                ],
                not_found,
            ),
            "/ideas.geojson": _get(
                _l("Ideas and clusters of the map's visible area"),
                "FeatureCollection",
                [
                    {**BBOX, "required": True},
                    {
                        **_query(
                            "zoom", _l("Map zoom"), {"type": "integer", "minimum": 0, "maximum": MAX_ZOOM}
                        ),
                        "required": True,
                    },
                    *FILTERS,
                ],
                {"403": {"description": _l("Unpublished ideas are for moderators."), **_json("Error")}},
                {
                    "content": {
                        "application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}
                    }
                },
            ),
            "/categories": _get(_l("Categories of ideas"), "Categories"),
            "/districts": _get(_l("Districts with their published ideas and supports"), "Districts"),
            "/events": _get(_l("Créathon events"), "Events"),
            "/outcomes": _get(
                _l("Créathon outcomes"), "Outcomes", [_query("event", _l("Event slug"), {"type": "string"})]
            ),
            "/transparency": _get(_l("Moderation figures per month and category"), "Transparency"),
            **project_paths(_get, _query, _json("Error")),
        },
        "components": {"schemas": {**SCHEMAS, **PROJECT_SCHEMAS}},
    }
