"""Fixtures for créathon tests: a category, a district and an event."""

from datetime import date

import pytest

from app.creathon import services
from tests.english import english_pages, request_context  # noqa: F401 (autouse fixtures)
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
