"""Every route that changes something (POST, PUT, PATCH, DELETE) refuses a request without a
CSRF token and one carrying another session's token, and accepts its own session's token.
The routes are read from the URL map, so a route added later is checked without a new test."""

import secrets

import pytest
from flask import request
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from app.extensions import db as _db
from tests.security.routes import MUTATING, MissingArguments, rules_with, url_for_rule
from tests.security.world import build_world, sign_in


@pytest.fixture
def app_config(app_config):
    return type("CsrfConfig", (app_config,), {"WTF_CSRF_ENABLED": True})


@pytest.fixture
def csrf_watch(app, monkeypatch):
    """Records which endpoint each request reached and every CSRF refusal (endpoint, reason)."""
    seen = {"routed": [], "refused": []}
    protector = app.extensions["csrf"]
    refuse = protector._error_response

    def recording(reason):
        seen["refused"].append((request.endpoint, reason))
        refuse(reason)

    monkeypatch.setattr(protector, "_error_response", recording)
    # First of the app's hooks, so it sees the request before the CSRF check can stop it.
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: seen["routed"].append(request.endpoint))
    return seen


def _session_with_token(app, client, user):
    """Sign `client` in as `user` with a CSRF token in its session; returns the form token."""
    raw = secrets.token_hex(20)
    sign_in(client, user)
    with client.session_transaction() as session:
        session["csrf_token"] = raw
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(raw)


def _snapshot():
    """Every row of every table: refused requests must leave all of them as they were."""
    _db.session.expire_all()
    conn = _db.session.connection()
    return {
        table.name: sorted(map(repr, conn.execute(select(table)).all()))
        for table in _db.metadata.sorted_tables
    }


# Routes exempt from the CSRF check, each with its reason; every other one is checked.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail clients post without a form token; the signed token
    # in the URL is the proof (tests/follows: an altered one changes nothing).
    "follows.unsubscribe_now",
}


def _targets(app, world):
    targets, unbuildable = [], []
    for rule, method in rules_with(app, MUTATING):
        if rule.endpoint in EXEMPT:
            continue
        try:
            targets.append((rule, method, url_for_rule(rule, world)))
        except MissingArguments as error:
            unbuildable.append(str(error))
    return targets, unbuildable


def test_every_mutating_route_has_arguments_the_checks_can_build(app, db):
    world = build_world()
    targets, unbuildable = _targets(app, world)
    assert unbuildable == []
    assert len(targets) >= 30  # the walk really found the app's forms


def test_every_mutating_route_refuses_a_missing_or_foreign_csrf_token(app, db, csrf_watch):
    world = build_world()
    admin = world.users["admin"]
    targets, unbuildable = _targets(app, world)
    assert unbuildable == []
    before = _snapshot()
    foreign_client = app.test_client()
    foreign_token = _session_with_token(app, foreign_client, world.users["citizen"])
    problems = []
    for rule, method, url in targets:
        for label, data in (("no token", {}), ("foreign token", {"csrf_token": foreign_token})):
            client = app.test_client()
            _session_with_token(app, client, admin)
            csrf_watch["routed"].clear()
            csrf_watch["refused"].clear()
            response = client.open(url, method=method, data=data)
            if csrf_watch["routed"] != [rule.endpoint]:
                problems.append(f"{method} {url}: reached {csrf_watch['routed']}, not {rule.endpoint}")
            elif [endpoint for endpoint, _reason in csrf_watch["refused"]] != [rule.endpoint]:
                problems.append(f"{method} {url} with {label}: accepted ({response.status_code})")
            elif response.status_code != 400:
                problems.append(f"{method} {url} with {label}: refused with {response.status_code}, not 400")
    assert problems == []
    assert _snapshot() == before, "a request refused for its CSRF token changed the database"


def test_every_mutating_route_accepts_its_own_sessions_token(app, db, csrf_watch):
    """The control: the same requests with the right token pass the check (whatever the view
    then says), so the refusals above come from the CSRF check and not from a broken URL."""
    world = build_world()
    targets, _unbuildable = _targets(app, world)
    problems = []
    for rule, method, url in targets:
        client = app.test_client()
        token = _session_with_token(app, client, world.users["admin"])
        csrf_watch["routed"].clear()
        csrf_watch["refused"].clear()
        response = client.open(url, method=method, data={"csrf_token": token})
        if csrf_watch["routed"] != [rule.endpoint] or csrf_watch["refused"]:
            problems.append(f"{method} {url}: {csrf_watch} ({response.status_code})")
        elif response.status_code >= 500:
            problems.append(f"{method} {url}: {response.status_code}")
    assert problems == []
