"""Fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), a client, and an `auth` helper that signs in as any role."""

import os
import shutil

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.config import TestConfig, _database_url
from app.extensions import db as _db
from app.moderation.duplicates import forget_found
from tests.factories import make_user

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


def _config(uri, tmp_path, **extra):
    return type(
        "PerTestConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": uri,
            "INSTANCE_DIR": tmp_path,
            "UPLOAD_DIR": tmp_path / "uploads",
            "OUTBOX_DIR": tmp_path / "outbox",
            **extra,
        },
    )


def _reset_postgres(engine):
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """The schema built once by the migrations; each test starts from a copy of it."""
    base = tmp_path_factory.mktemp("template")
    if POSTGRES_URL:
        uri = _database_url(POSTGRES_URL)
    else:
        uri = f"sqlite:///{base / 'template.db'}"
    app = create_app(_config(uri, base))
    with app.app_context():
        if POSTGRES_URL:
            _reset_postgres(_db.engine)
        upgrade()
        if not POSTGRES_URL:
            with _db.engine.begin() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        _db.engine.dispose()
    return uri if POSTGRES_URL else base / "template.db"


def _truncate_all(engine):
    tables = [t.name for t in _db.metadata.sorted_tables]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))


@pytest.fixture
def app_config(database_template, tmp_path):
    if POSTGRES_URL:
        return _config(database_template, tmp_path)
    target = tmp_path / "agora.db"
    shutil.copyfile(database_template, target)
    return _config(f"sqlite:///{target}", tmp_path)


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g` and its
    own database session. Tests commit before a request and refresh what they read after."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(app_config):
    application = create_app(app_config)
    application.test_client_class = IsolatedClient
    forget_found()  # remembered duplicates belong to another test's database
    with application.app_context():
        yield application
        _db.session.remove()
        if POSTGRES_URL:
            _truncate_all(_db.engine)
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    """Signs the test client in as a given user or role."""

    def __init__(self, client):
        self.client = client

    def login_as(self, user):
        with self.client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return user

    def login(self, role="citizen", verified=True, **kwargs):
        user = make_user(role=role, verified=verified, **kwargs)
        _db.session.commit()
        return self.login_as(user)

    def logout(self):
        with self.client.session_transaction() as session:
            session.clear()


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def outbox(app):
    """Messages sent during the test (Flask-Mailman's in-memory backend)."""
    state = app.extensions["mailman"]
    state.outbox = []
    return state.outbox
