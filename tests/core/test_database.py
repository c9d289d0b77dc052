"""Pooled PostgreSQL connections that the server closed are replaced before a request uses them;
one that ends during a request gets its read served again, or its write a 503 "please try again"."""

import os
import time
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import event, func, select, text

from app.extensions import db
from app.ideas.models import Idea
from app.mapindex.aggregates import verify_cells
from app.moderation.models import Report
from app.votes.models import Vote
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


@contextmanager
def _backend_terminated_before(statement_part, times=1):
    """While active, the app's own backend is ended (as a restart or an administrator would)
    just before it runs a statement containing `statement_part`, at most `times` times: the
    statement then meets a dead connection in the middle of the request."""
    ended = []

    def before(connection, _cursor, statement, _parameters, _context, _executemany):
        if len(ended) < times and statement_part in statement:
            ended.append(statement)
            _terminate(connection.connection.dbapi_connection.info.backend_pid)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield ended
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def test_read_whose_connection_ends_before_its_first_statement_is_served_again(app, client):
    idea = make_idea(title="Shade over the bus stop")
    db.session.commit()
    idea_id = idea.id
    db.session.remove()
    with _backend_terminated_before("SELECT") as ended:
        response = client.get(f"/ideas/{idea_id}?lang=en")
    assert len(ended) == 1
    assert response.status_code == 200
    assert "Shade over the bus stop" in response.get_data(as_text=True)


def test_read_whose_connection_ends_in_the_middle_is_served_again(app, client, auth):
    idea = make_idea(title="Shade over the bus stop")
    auth.login()  # the request loads the resident first, then the idea
    idea_id = idea.id
    db.session.remove()
    with _backend_terminated_before("FROM ideas") as ended:
        response = client.get(f"/ideas/{idea_id}?lang=en")
    assert len(ended) == 1
    assert response.status_code == 200
    assert "Shade over the bus stop" in response.get_data(as_text=True)


def test_read_whose_second_attempt_fails_too_is_asked_to_retry(app, client):
    idea = make_idea()
    db.session.commit()
    idea_id = idea.id
    db.session.remove()
    with _backend_terminated_before("FROM ideas", times=2) as ended:
        response = client.get(f"/ideas/{idea_id}?lang=en")
    assert len(ended) == 2
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "Please try again in a moment." in response.get_data(as_text=True)


def test_support_whose_connection_ends_is_not_counted_and_is_asked_to_retry(app, client, auth):
    idea = make_idea()
    auth.login()
    idea_id = idea.id
    db.session.remove()
    with _backend_terminated_before("INSERT INTO votes") as ended:
        response = client.post(f"/ideas/{idea_id}/vote?lang=en", headers={"Accept": "application/json"})
    assert len(ended) == 1
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.get_json()["message"].endswith("Please try again in a moment.")
    assert db.session.scalar(select(func.count()).where(Vote.idea_id == idea_id)) == 0
    assert db.session.get(Idea, idea_id).support_count == 0
    again = client.post(f"/ideas/{idea_id}/vote", headers={"Accept": "application/json"})
    assert again.status_code == 200 and again.get_json()["count"] == 1


@pytest.mark.parametrize("statement_part", ["INSERT INTO reports", "UPDATE ideas SET status"])
def test_report_whose_connection_ends_in_the_middle_leaves_nothing_half_written(
    app, client, auth, statement_part
):
    app.config["REPORT_HIDE_THRESHOLD"] = 1
    idea = make_idea()
    auth.login()
    idea_id = idea.id
    db.session.remove()
    with _backend_terminated_before(statement_part) as ended:
        response = client.post(f"/ideas/{idea_id}/report?lang=fr", data={"reason": "spam", "target": "idea"})
    assert len(ended) == 1
    assert response.status_code == 503
    assert "Veuillez réessayer dans un instant." in response.get_data(as_text=True)
    stored = db.session.get(Idea, idea_id)
    assert (stored.status, stored.open_reports) == ("published", 0)
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
    assert verify_cells(db.session.connection()) == []
