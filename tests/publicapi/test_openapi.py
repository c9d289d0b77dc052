"""The OpenAPI document is valid, names every route of /api/v1 and describes what they answer."""

import html

import jsonschema
import pytest
from openapi_spec_validator import validate
from referencing import Registry, Resource

from app.moderation.models import PublicStatusEntry

DOCUMENT = "urn:agora:openapi"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.get_json()


def _template(rule):
    return rule.replace("<int:", "{").replace(">", "}").removeprefix("/api/v1")


def test_document_is_valid_openapi_3_1_and_lists_every_route(app, client):
    document = _document(client)
    validate(document)
    assert document["openapi"] == "3.1.0"
    routes = {
        _template(rule.rule)
        for rule in app.url_map.iter_rules()
        # The document itself and its page for people are not data routes.
        if rule.rule.startswith("/api/v1/") and rule.endpoint not in ("api.openapi", "api.docs")
    }
    assert routes == set(document["paths"])


def _validator(document, path, status, media="application/json"):
    schema = document["paths"][path]["get"]["responses"][str(status)]["content"][media]["schema"]
    # OpenAPI 3.1 schemas are JSON Schema 2020-12: the document is registered so that its
    # #/components/... references resolve.
    contents = {**document, "$schema": DRAFT}
    registry = Registry().with_resource(DOCUMENT, Resource.from_contents(contents))
    return jsonschema.Draft202012Validator({"$schema": DRAFT, **_rebase(schema)}, registry=registry)


def _rebase(schema):
    """Refs of the document (#/components/...) read from the registered document."""
    if isinstance(schema, dict):
        return {k: (DOCUMENT + v if k == "$ref" else _rebase(v)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_rebase(v) for v in schema]
    return schema


@pytest.mark.parametrize(
    ("url", "path", "status"),
    [
        ("/api/v1/ideas", "/ideas", 200),
        ("/api/v1/ideas?limit=1&sort=newest", "/ideas", 200),
        ("/api/v1/ideas?cursor=zz", "/ideas", 400),
        ("/api/v1/ideas/{shade}", "/ideas/{idea_id}", 200),
        ("/api/v1/ideas/{outcome}", "/ideas/{idea_id}", 200),
        ("/api/v1/ideas/{pending}", "/ideas/{idea_id}", 404),
        ("/api/v1/categories", "/categories", 200),
        ("/api/v1/districts", "/districts", 200),
        ("/api/v1/events", "/events", 200),
        ("/api/v1/outcomes", "/outcomes", 200),
        ("/api/v1/transparency", "/transparency", 200),
        ("/api/v1/transparency?x=1", "/transparency", 400),
    ],
)
def test_every_response_matches_its_schema(client, db, city, url, path, status):
    db.session.add(PublicStatusEntry(idea_id=city["shade"].id, status="planned", explanation="Bientôt."))
    db.session.commit()
    document = _document(client)
    ids = {
        "shade": city["shade"].id,
        "outcome": city["outcome_idea"].id,
        "pending": city["hidden"]["pending"].id,
    }
    response = client.get(url.format(**ids))
    assert response.status_code == status
    _validator(document, path, status).validate(response.get_json())


def test_map_geojson_matches_its_schema(client, city):
    document = _document(client)
    response = client.get("/api/v1/ideas.geojson?bbox=-7.7,33.5,-7.5,33.7&zoom=12")
    assert response.status_code == 200
    _validator(document, "/ideas.geojson", 200, "application/geo+json").validate(
        response.get_json(force=True)
    )


def test_docs_page_lists_every_route_of_the_document_in_the_readers_language(client):
    document = _document(client)
    english = html.unescape(client.get("/api/v1/docs?lang=en").get_data(as_text=True))
    for path, operation in document["paths"].items():
        assert f"GET /api/v1{path}" in english
        assert operation["get"]["summary"] in english
    arabic = html.unescape(client.get("/api/v1/docs?lang=ar").get_data(as_text=True))
    assert 'dir="rtl"' in arabic
    assert document["paths"]["/ideas"]["get"]["summary"] not in arabic
    assert "GET /api/v1/ideas" in arabic


def test_document_stays_english_whatever_the_readers_language(client):
    assert _document(client) == client.get("/api/v1/openapi.json?lang=ar").get_json()
