"""A database connection lost in the middle of a request: a read is served again, once, on a
fresh connection; a write is answered 503 "please try again", never 500. (PostgreSQL with real
terminated backends: tests/core/test_database.py.)"""

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from app.core.transient import is_transient
from app.extensions import db


class _Lost(Exception):
    pass


def _lost_connection():
    return OperationalError(
        "SELECT 1", {}, _Lost("server closed the connection"), connection_invalidated=True
    )


@pytest.fixture
def flaky(app):
    """A page (GET and POST) whose first `failures` attempts lose their connection."""
    state = {"failures": 1, "calls": 0}

    def view():
        state["calls"] += 1
        if state["calls"] <= state["failures"]:
            raise _lost_connection()
        return "served"

    app.add_url_rule("/flaky", "flaky", view, methods=["GET", "POST"])
    return state


def test_a_read_that_lost_its_connection_is_served_again(client, flaky):
    response = client.get("/flaky")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "served"
    assert flaky["calls"] == 2


def test_a_read_is_tried_twice_at_most_then_asked_to_retry(client, flaky):
    flaky["failures"] = 5
    response = client.get("/flaky?lang=en")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    assert "Please try again in a moment." in response.get_data(as_text=True)
    assert flaky["calls"] == 2


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Veuillez réessayer dans un instant."),
        ("ar", "يرجى المحاولة مرة أخرى بعد قليل."),
        ("en", "Please try again in a moment."),
    ],
)
def test_a_write_that_lost_its_connection_is_asked_to_retry_in_the_visitors_language(
    client, flaky, lang, text
):
    response = client.post(f"/flaky?lang={lang}")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    assert text in response.get_data(as_text=True)
    assert flaky["calls"] == 1


def test_a_json_client_gets_the_retry_answer_as_json(client, flaky):
    response = client.post("/flaky?lang=en", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.get_json() == {
        "error": "Please try again",
        "message": "The connection to the database was interrupted and your request could not be"
        " completed. Please try again in a moment.",
    }


def test_other_database_errors_remain_errors(app, client):
    def broken():
        raise IntegrityError("INSERT", {}, _Lost("duplicate key"))

    app.add_url_rule("/broken", "broken", broken)
    assert client.get("/broken").status_code == 500
    assert not is_transient(IntegrityError("INSERT", {}, _Lost("duplicate key")))
    db.session.rollback()


def test_a_connection_lost_after_the_answer_leaves_the_answer_as_it_was(app, monkeypatch):
    """The server ends the connection between the request's (or job's) last query and its end:
    the session's rollback fails, and the context still ends without an error (a 500)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    close = Session.close
    state = {"failed": 0}

    def close_once_lost(session):
        if not state["failed"]:
            state["failed"] += 1
            raise _lost_connection()
        return close(session)

    monkeypatch.setattr(Session, "close", close_once_lost)
    with app.app_context():  # a request's or a job's own context, as in gunicorn or the worker
        assert db.session.scalar(select(1)) == 1
    assert state["failed"] == 1
    monkeypatch.undo()
    assert db.session.scalar(select(1)) == 1
