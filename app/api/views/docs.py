"""The public API's documentation page, drawn on the server from the OpenAPI document."""

from flask import render_template, url_for

from app.api.blueprint import bp
from app.api.openapi import described_document, plain


def _type(schema):
    """A parameter's type as a reader wants it: `integer (1–100)`, `a | b`."""
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    text = schema.get("type", "")
    if "maximum" in schema:
        text += f" ({schema.get('minimum', 0)}–{schema['maximum']})"
    return text


@bp.get("/docs")
def docs():
    server = url_for("api.openapi").rsplit("/", 1)[0]
    document = plain(described_document(server))
    routes = [
        {
            "path": server + path,
            "summary": operation["get"]["summary"],
            "parameters": [
                {**parameter, "type": _type(parameter.get("schema", {}))}
                for parameter in operation["get"]["parameters"]
            ],
            "responses": operation["get"]["responses"],
        }
        for path, operation in document["paths"].items()
    ]
    return render_template("api/docs.html", routes=routes, description=document["info"]["description"])
