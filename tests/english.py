"""Fixtures for test folders whose assertions read the English messages (import them in a conftest)."""

import pytest


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated lazily; services called directly need a request's locale."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture(autouse=True)
def english_pages(request):
    """Pages in English whatever the users' profiles say: the session's language wins."""
    if "client" not in request.fixturenames:
        return
    client = request.getfixturevalue("client")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    with client.session_transaction() as session:
        session["lang"] = "en"
