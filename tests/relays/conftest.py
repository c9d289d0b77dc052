"""Fixtures for the relays' tests: a category, a district, a relay and an admin."""

import pytest

from app.relays.services import grant_relay
from tests.factories import make_category, make_polygon_district, make_user


@pytest.fixture
def category(db):
    return make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")


@pytest.fixture
def district(db):
    ring = [[-7.66, 33.58], [-7.62, 33.58], [-7.63, 33.61], [-7.66, 33.60], [-7.66, 33.58]]
    return make_polygon_district("anfa", "Anfa", "أنفا", "Anfa", ring)


@pytest.fixture
def admin(db):
    return make_user(role="admin", email="admin@example.org", name="Admin")


@pytest.fixture
def relay(db, admin, district):
    user = make_user(email="relay@example.org", name="Khadija R.")
    return grant_relay(admin, user, "Association Anfa Solidaire", [district])


@pytest.fixture(autouse=True)
def request_context(app):
    """Messages are translated lazily; services called directly need a request's locale."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture(autouse=True)
def english_pages(request):
    """Assertions read the English messages; the session's language wins over the profile's."""
    if "client" not in request.fixturenames:
        return
    client = request.getfixturevalue("client")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    with client.session_transaction() as session:
        session["lang"] = "en"
