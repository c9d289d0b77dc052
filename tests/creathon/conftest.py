"""Fixtures for créathon tests: a category, a district and an event."""

from datetime import date

import pytest

from app.creathon import services
from tests.factories import make_category, make_polygon_district


@pytest.fixture
def category(db):
    return make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")


@pytest.fixture
def district(db):
    ring = [[-7.63, 33.58], [-7.60, 33.58], [-7.60, 33.61], [-7.63, 33.61], [-7.63, 33.58]]
    return make_polygon_district("sidi-belyout", "Sidi Belyout", "سيدي بليوط", "Sidi Belyout", ring)


@pytest.fixture
def event(db, category):
    return services.create_event(
        None,
        "creathon-test",
        kind="creathon",
        title="Créathon test",
        start_date=date(2018, 4, 20),
        theme="mobility",
        publish_directly=True,
    )


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated lazily; services called directly need a request's locale."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture(autouse=True)
def english_pages(request):
    """Assertions read the English messages; users' profiles say fr, the session wins."""
    if "client" not in request.fixturenames:
        return
    client = request.getfixturevalue("client")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    with client.session_transaction() as session:
        session["lang"] = "en"
