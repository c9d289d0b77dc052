"""Fixtures for the relays' tests: a category, a district, a relay and an admin."""

import pytest

from app.relays.services import grant_relay
from tests.english import english_pages, request_context  # noqa: F401 (autouse fixtures)
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
