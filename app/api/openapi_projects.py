"""The city projects' part of the OpenAPI document (app/api/openapi.py adds it)."""

from flask_babel import lazy_gettext as _l

from app.api.public_params import MAX_LIMIT

NULLABLE_STRING = {"type": ["string", "null"]}
DAY = {"type": ["string", "null"], "format": "date"}


def _object(properties):
    return {"type": "object", "required": list(properties), "properties": properties}


GEOMETRY = {
    "oneOf": [
        _object({"type": {"const": "Point"}, "coordinates": {"type": "array", "items": {"type": "number"}}}),
        _object(
            {
                "type": {"const": "LineString"},
                "coordinates": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
            }
        ),
        {"type": "null"},
    ]
}
PROJECT = _object(
    {
        "id": {"type": "integer"},
        **{f"title_{lang}": NULLABLE_STRING for lang in ("fr", "ar", "en")},
        **{f"description_{lang}": NULLABLE_STRING for lang in ("fr", "ar", "en")},
        "department": {"type": "string"},
        "districts": {"type": "array", "items": {"type": "string"}},
        "status": {"type": "string"},
        "stage": {"type": "string", "enum": ["open", "delivered", "abandoned"]},
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "budget_mad": {"type": ["integer", "null"], "minimum": 0},
        "start_date": DAY,
        "end_date": DAY,
        "delivered_on": DAY,
        "ideas": {"type": "array", "items": {"type": "integer"}},
        "url": {"type": "string", "format": "uri"},
        "geometry": GEOMETRY,
    }
)
SCHEMAS = {
    "Project": PROJECT,
    "ProjectPage": _object(
        {
            "projects": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}},
            "next_cursor": NULLABLE_STRING,
        }
    ),
    "ProjectDetail": {
        "allOf": [
            {"$ref": "#/components/schemas/Project"},
            _object(
                {
                    "milestones": {
                        "type": "array",
                        "items": _object(
                            {
                                "due_on": {"type": "string", "format": "date"},
                                "reached_on": DAY,
                                "text": {"type": "string"},
                                "language": {"type": "string"},
                                "photos": {"type": "array", "items": {"type": "string"}},
                            }
                        ),
                    },
                    "timeline": {
                        "type": "array",
                        "items": _object(
                            {
                                "action": {"type": "string"},
                                "explanation": NULLABLE_STRING,
                                "at": {"type": "string", "format": "date-time"},
                            }
                        ),
                    },
                }
            ),
        ]
    },
}


def project_paths(get, query, error):
    """The two routes, built with openapi.py's own helpers (`_get`, `_query`, `_json`)."""
    return {
        "/projects": get(
            _l("City projects answering residents' ideas, one page at a time"),
            "ProjectPage",
            [
                query("status", _l("Status code of the projects"), {"type": "string"}),
                query("district", _l("District slug"), {"type": "string"}),
                query("cursor", _l("next_cursor of the previous page"), {"type": "string"}),
                query(
                    "limit", _l("Projects per page"), {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}
                ),
            ],
        ),
        "/projects/{project_id}": get(
            _l("One city project with its milestones and timeline"),
            "ProjectDetail",
            [
                {
                    "name": "project_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0},
                }
            ],
            {"404": {"description": _l("No project with this number."), **error}},
        ),
    }
