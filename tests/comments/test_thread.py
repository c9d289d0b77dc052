"""Sorting, keyset pagination, sanitising, rate limits and pre-moderation of comments."""

from datetime import timedelta

import pytest

from app.comments import queries
from app.comments.models import Comment
from app.comments.text import render
from app.core.time import utcnow
from app.extensions import limiter
from tests.comments.helpers import post
from tests.factories import make_idea, make_user


def _many(idea, n):
    author = make_user()
    start = utcnow() - timedelta(hours=1)
    comments = [
        Comment(
            idea_id=idea.id,
            author_id=author.id,
            body=f"Comment {i}",
            created_at=start + timedelta(seconds=i),
            support_count=i % 7,
        )
        for i in range(n)
    ]
    from app.extensions import db

    db.session.add_all(comments)
    db.session.commit()
    return comments


def test_pages_follow_each_other_without_gaps_in_every_order(db):
    idea = make_idea()
    made = _many(idea, 45)
    for sort, expected in [
        ("oldest", [c.id for c in made]),
        ("newest", [c.id for c in reversed(made)]),
        ("supported", [c.id for c in sorted(made, key=lambda c: (c.support_count, c.id), reverse=True)]),
    ]:
        seen, cursor = [], None
        while True:
            page = queries.thread_page(idea.id, sort, cursor, per_page=20)
            seen += [c.id for c in page.comments]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert seen == expected, sort


def test_a_malformed_cursor_gives_the_first_page(client, db):
    idea = make_idea()
    _many(idea, 3)
    assert len(queries.thread_page(idea.id, "oldest", "garbage~x").comments) == 3
    assert client.get(f"/ideas/{idea.id}?after=%27%3B--&sort=nonsense").status_code == 200


def test_the_page_links_to_more_comments(client, db):
    idea = make_idea()
    _many(idea, 25)
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "More comments" in page and "Comment 19" in page and "Comment 20" not in page


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "javascript:alert(1)",
        '"><svg onload=alert(1)>',
        "{{ 7*7 }}",
    ],
)
def test_no_html_from_a_comment_reaches_the_page(payload):
    html = str(render(payload))
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert '<a href="javascript' not in html


def test_addresses_become_nofollow_links_and_lines_stay():
    html = str(render("See https://example.org/a?b=1&c=2.\nSecond line"))
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in html
    assert html.endswith(".<br>\nSecond line")


@pytest.fixture
def limited_config(app_config):
    return type("Limited", (app_config,), {"RATELIMIT_ENABLED": True, "RATELIMIT_COMMENT": "2 per minute"})


@pytest.mark.committing  # a second app: its commits are real, and the tables are emptied after
def test_resident_over_the_rate_limit_is_refused_in_their_language(limited_config, db):
    from app import create_app
    from tests.conftest import IsolatedClient

    application = create_app(limited_config)
    application.test_client_class = IsolatedClient
    with application.app_context():
        limiter.reset()
        idea = make_idea()
        user = make_user(language="ar")
        db.session.commit()
        client = application.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        headers = {"Accept": "application/json"}
        for n in range(2):
            assert (
                client.post(
                    f"/ideas/{idea.id}/comments?lang=en", data={"body": f"ok {n}"}, headers=headers
                ).status_code
                == 200
            )
        refused = client.post(
            f"/ideas/{idea.id}/comments?lang=en", data={"body": "one more"}, headers=headers
        )
        assert refused.status_code == 429
        assert "Wait a few minutes" in refused.get_json()["message"]
        assert db.session.scalar(db.select(db.func.count(Comment.id))) == 2


def test_premoderated_comment_waits_and_only_its_author_sees_it(app, client, auth, db):
    app.config["COMMENTS_PREMODERATION"] = True
    idea = make_idea()
    author = auth.login()
    client.post(f"/ideas/{idea.id}/comments", data={"body": "Waiting words"})
    comment = db.session.scalars(db.select(Comment)).one()
    assert comment.status == "pending"
    assert "Waiting words" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    auth.logout()
    assert "Waiting words" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert queries.tally(idea.id).total == 0
    assert author.id == comment.author_id


def test_outcome_page_shows_the_discussion(client, db):
    from datetime import date

    from app.creathon.models import Event, Outcome

    idea = make_idea(source="creathon")
    event = Event(slug="hack-1", title="Hack", start_date=date(2026, 11, 1))
    db.session.add(event)
    db.session.flush()
    outcome = Outcome(event_id=event.id, idea_id=idea.id, match_key="k1")
    db.session.add(outcome)
    db.session.commit()
    post(make_user(), idea, "Great outcome of the teams")
    page = client.get(f"/events/hack-1/outcomes/{outcome.id}?lang=en").get_data(as_text=True)
    assert "Great outcome of the teams" in page
