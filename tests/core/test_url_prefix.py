"""Served under a path prefix (a reverse proxy's /agora), every link, redirect and mail keeps it."""

import re

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from app.extensions import db as _db
from app.notifications.services import idea_url, notify
from tests.factories import make_idea, make_user

PREFIX = "/agora"
# Every attribute that holds an address: links, forms, assets, scripts' data-*-url and data-src.
_ADDRESS = re.compile(r'\s(?:href|action|src|data-[a-z-]*url|data-src)="(/[^"]*)"')


@pytest.fixture
def prefixed(app):
    """The app as a reverse proxy mounts it: SCRIPT_NAME=/agora, nothing outside it."""
    inner = app.wsgi_app
    app.wsgi_app = DispatcherMiddleware(NotFound(), {PREFIX: inner})
    app.config["PUBLIC_URL"] = f"https://city.example{PREFIX}"
    yield app.test_client()
    app.wsgi_app = inner


@pytest.fixture
def world(db):
    author = make_user()
    idea = make_idea(author=author, title="Bancs à l'ombre")
    pending = make_idea(author=author, status="pending", title="Abri vélo")
    db.session.commit()
    return idea, pending, author


def _outside(html):
    """Addresses on this site that lost the prefix."""
    return sorted({a for a in _ADDRESS.findall(html) if a != PREFIX and not a.startswith(PREFIX + "/")})


def _pages(idea, pending):
    return [
        "/",
        "/ideas",
        "/ideas?q=bancs",
        f"/ideas/{idea.id}",
        f"/ideas/{idea.id}/support",
        f"/ideas/{idea.id}/report",
        "/map",
        "/transparency",
        "/my/supports",
        "/notifications",
        "/moderation",
        f"/moderation/ideas/{pending.id}",
        "/events",
        "/open-data",
    ]


def test_every_link_of_the_main_pages_keeps_the_prefix(db, prefixed, world):
    idea, pending, _author = world
    moderator = make_user(role="moderator")
    db.session.commit()
    with prefixed.session_transaction() as session:
        session["_user_id"] = moderator.get_id()
        session["_fresh"] = True
    prefixed.post(f"{PREFIX}/ideas/{idea.id}/vote")
    decided = make_idea(status="pending", title="Fontaine")
    db.session.commit()
    approved = prefixed.post(
        f"{PREFIX}/moderation/ideas/{decided.id}/approve", data={"version": decided.updated_at.isoformat()}
    )
    assert (
        approved.headers["Location"].startswith(PREFIX + "/")
        or f"agora.test{PREFIX}/" in approved.headers["Location"]
    )
    assert prefixed.get("/ideas").status_code == 404  # nothing is served outside the prefix
    for path in _pages(idea, pending):
        response = prefixed.get(PREFIX + path)
        assert response.status_code == 200, path
        assert _outside(response.get_data(as_text=True)) == [], path


def test_the_map_data_links_each_idea_under_the_prefix(db, prefixed, world):
    idea, _pending, _author = world
    page = prefixed.get(f"{PREFIX}/map").get_data(as_text=True)
    assert f"{PREFIX}/api/v1/ideas.geojson" in page
    features = prefixed.get(
        f"{PREFIX}/api/v1/ideas.geojson", query_string={"bbox": "-7.8,33.45,-7.35,33.68", "zoom": 12}
    ).get_json(force=True)["features"]
    assert [f["properties"]["url"] for f in features] == [f"{PREFIX}/ideas/{idea.id}"]


def test_redirects_after_a_support_and_a_report_keep_the_prefix(db, prefixed, world):
    idea, _pending, _author = world
    citizen = make_user()
    db.session.commit()
    with prefixed.session_transaction() as session:
        session["_user_id"] = citizen.get_id()
        session["_fresh"] = True
    response = prefixed.post(f"{PREFIX}/ideas/{idea.id}/vote")
    assert response.headers["Location"].startswith(f"{PREFIX}/ideas/{idea.id}")
    prefixed.post(f"{PREFIX}/ideas/{idea.id}/report", data={"reason": "spam", "target": "idea"})
    again = prefixed.post(f"{PREFIX}/ideas/{idea.id}/report", data={"reason": "spam", "target": "idea"})
    assert again.status_code == 302
    assert again.headers["Location"] in (
        f"{PREFIX}/ideas/{idea.id}",
        f"https://agora.test{PREFIX}/ideas/{idea.id}",
    )


def test_notifications_and_mails_link_to_the_idea_under_the_public_url(app, db, prefixed, outbox, world):
    idea, _pending, author = world
    notify([author], "idea_published", idea.id, title=idea.title)
    _db.session.commit()
    link = f"https://city.example{PREFIX}/ideas/{idea.id}"
    assert link in outbox[0].body
    with prefixed.session_transaction() as session:
        session["_user_id"] = author.get_id()
        session["_fresh"] = True
    page = prefixed.get(f"{PREFIX}/notifications").get_data(as_text=True)
    assert link in page
    with app.test_request_context():
        assert idea_url(idea.id) == link
