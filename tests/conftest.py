"""Fixtures: an app on a fresh database per test (a copied SQLite file, or on PostgreSQL
a transaction rolled back after the test), a client, and an `auth` helper for any role.

Under pytest-xdist each worker has its own PostgreSQL database (`<name>_gw0`, ...)."""

import os
import shutil

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from app import create_app
from app.config import TestConfig, _database_url
from app.extensions import db as _db
from tests.factories import make_user

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
# Tests that need real commits seen by other connections (threads, a second app, DDL) are
# marked `committing` or use one of these fixtures; the tables are emptied after them.
COMMITTING_FIXTURES = {"make_app"}


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


def _worker_database(url, worker):
    """`url` itself, or under xdist a database of this worker's own, created if missing."""
    if worker in (None, "master"):
        return url
    base = make_url(url)
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_template(tmp_path_factory, worker_id):
    """The schema built once by the migrations; each test starts from a copy of it."""
    base = tmp_path_factory.mktemp("template")
    if POSTGRES_URL:
        uri = _worker_database(_database_url(POSTGRES_URL), worker_id)
    else:
        uri = f"sqlite:///{base / 'template.db'}"
    app = create_app(_config(uri, base))
    with app.app_context():
        if POSTGRES_URL:
            _reset_postgres(_db.engine)
        upgrade()
        if POSTGRES_URL:
            _remember_seeded_rows(_db.engine)
        else:
            with _db.engine.begin() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        _db.engine.dispose()
    return uri if POSTGRES_URL else base / "template.db"


# Rows the migrations write (default categories, project statuses): a test that committed for
# real empties every table, and these are put back so that the next test starts from the
# template, as a rolled-back test (or a copied SQLite file) does.
_SEEDED = []


def _remember_seeded_rows(engine):
    with engine.connect() as conn:
        for table in _db.metadata.sorted_tables:
            rows = [dict(row) for row in conn.execute(table.select()).mappings()]
            if rows:
                _SEEDED.append((table, rows))


def _truncate_all(engine):
    tables = [t.name for t in _db.metadata.sorted_tables]
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        for table, rows in _SEEDED:
            conn.execute(table.insert(), rows)
            if "id" in table.c:
                sequence = func.pg_get_serial_sequence(table.name, "id")
                conn.execute(select(func.setval(sequence, func.max(table.c.id))))


@pytest.fixture
def app_config(database_template, tmp_path):
    if POSTGRES_URL:
        return _config(database_template, tmp_path)
    target = tmp_path / "agora.db"
    shutil.copyfile(database_template, target)
    return _config(f"sqlite:///{target}", tmp_path)


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: its own `g` and its
    own database session. Tests commit before a request and refresh what they read after.
    The body is read and the response closed within that context, as a server would, so
    that served files are closed."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
            response.get_data()
            response.close()
            return response


def _commits_for_real(request):
    return "committing" in request.keywords or COMMITTING_FIXTURES & set(request.fixturenames)


class _RolledBack:
    """Every session of the app joins one outer transaction, rolled back after the test: a
    commit releases a savepoint, so the test sees the same behaviour and the tables are left
    as they were, without emptying each one."""

    def __init__(self, engine):
        self.engine = engine
        self.connection = engine.connect()
        self.outer = self.connection.begin()
        _db.engines[None] = self.connection
        _db.session.configure(join_transaction_mode="create_savepoint")

    def close(self):
        _db.session.remove()
        _db.engines[None] = self.engine
        self.outer.rollback()
        self.connection.close()


@pytest.fixture
def app(app_config, request):
    application = create_app(app_config)
    application.test_client_class = IsolatedClient
    with application.app_context():
        engine = _db.engine
        rolled_back = _RolledBack(engine) if POSTGRES_URL and not _commits_for_real(request) else None
        try:
            yield application
        finally:
            _db.session.remove()
            if rolled_back:
                rolled_back.close()
            elif POSTGRES_URL:
                _truncate_all(engine)
            engine.dispose()


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
