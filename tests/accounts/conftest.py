"""Helpers for account tests: apps with CSRF or rate limits on, and links read from mail."""

import re

import pytest

from app import create_app
from app.extensions import db as _db
from tests.conftest import POSTGRES_URL, IsolatedClient, _truncate_all

STRONG_PASSWORD = "olive trees on the corniche"


@pytest.fixture
def make_app(app_config):
    """Build an app from this test's configuration with some settings changed. The limiter and
    CSRF protection are wired in create_app, so these need their own app."""
    built = []

    def build(**settings):
        application = create_app(type("CustomConfig", (app_config,), settings))
        application.test_client_class = IsolatedClient
        built.append(application)
        return application

    yield build
    for application in built:
        with application.app_context():
            _db.session.remove()
            if POSTGRES_URL:
                _truncate_all(_db.engine)
            _db.engine.dispose()


def link_path(message):
    """The path of the first site link in a mail body."""
    match = re.search(r"https?://agora\.test(/\S*)", message.body)
    assert match, message.body
    return match.group(1)


def registration(**changes):
    data = {
        "email": "amina@example.org",
        "display_name": "Amina",
        "password": STRONG_PASSWORD,
        "confirm": STRONG_PASSWORD,
        "language": "fr",
        "accept_privacy": "y",
    }
    data.update(changes)
    return data
