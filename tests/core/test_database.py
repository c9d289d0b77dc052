"""Pooled PostgreSQL connections that the server closed are replaced before a request uses them."""

import os
import time

import psycopg
import pytest
from sqlalchemy import text

from app.extensions import db
from tests.factories import make_idea

pytestmark = [
    pytest.mark.committing,
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs a PostgreSQL server"),
]


def _pooled_backend_pid():
    pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    db.session.commit()
    db.session.remove()  # the connection goes back to the pool, idle
    return pid


def _terminate(pid):
    # From outside the app's pool, as a restart or an administrator would.
    with psycopg.connect(os.environ["TEST_DATABASE_URL"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(100):
            alive = other.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,))
            if not alive.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the backend did not end")


def test_request_after_the_server_closed_the_pooled_connection_succeeds(app, client):
    pid = _pooled_backend_pid()
    _terminate(pid)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["database"] == "ok"


def test_support_after_the_server_closed_the_pooled_connection_is_counted(app, client, auth):
    idea = make_idea()
    auth.login()
    idea_id = idea.id
    _terminate(_pooled_backend_pid())
    response = client.post(f"/ideas/{idea_id}/vote", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json()["count"] == 1
