"""The queue shows what waits, oldest first, with the facts a moderator needs, in few queries."""

from datetime import timedelta

from app.core.time import utcnow
from app.extensions import db
from app.moderation.models import Report
from tests.factories import make_category, make_idea, make_user
from tests.statements import recorded_statements


def _page(client, query=""):
    response = client.get(f"/moderation?lang=en{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_queue_lists_pending_and_reported_ideas_oldest_first(client, auth):
    now = utcnow()
    newer = make_idea(status="pending", title="Newer bench", created_at=now - timedelta(hours=1))
    older = make_idea(status="pending", title="Older crossing", created_at=now - timedelta(days=2))
    reported = make_idea(title="Reported mural", created_at=now - timedelta(days=1))
    make_idea(title="Quiet published idea")
    db.session.add(Report(idea_id=reported.id, reporter_id=make_user().id, reason="offensive"))
    db.session.commit()
    auth.login(role="moderator")
    page = _page(client)
    assert page.index("Older crossing") < page.index("Reported mural") < page.index("Newer bench")
    assert "Quiet published idea" not in page
    assert "Offensive or disrespectful content" in page
    assert "Waiting for a decision: 3" in page
    assert newer.title in _page(client, "&type=new") and reported.title not in _page(client, "&type=new")
    assert older.title not in _page(client, "&type=reported")


def test_queue_filters_by_category_age_and_creathon_source(client, auth):
    walking = make_category()
    make_idea(
        status="pending", title="Wide sidewalk", category=walking, created_at=utcnow() - timedelta(days=10)
    )
    make_idea(status="pending", title="Fresh bus stop")
    make_idea(status="pending", title="Workshop proposal", source="creathon")
    db.session.commit()
    auth.login(role="moderator")
    page = _page(client, f"&category={walking.id}")
    assert "Wide sidewalk" in page and "Fresh bus stop" not in page
    page = _page(client, "&age=7")
    assert "Wide sidewalk" in page and "Fresh bus stop" not in page
    page = _page(client, "&type=creathon")
    assert "Workshop proposal" in page and "Wide sidewalk" not in page


def test_queue_shows_author_history_and_paginates(client, auth):
    author = make_user(name="Karim")
    make_idea(author=author, status="rejected")
    for n in range(25):
        make_idea(
            author=author,
            status="pending",
            title=f"Proposal {n:02d}",
            created_at=utcnow() - timedelta(minutes=100 - n),
        )
    db.session.commit()
    auth.login(role="moderator")
    page = _page(client)
    assert "Karim" in page and "Ideas: 26 · earlier rejections: 1" in page
    assert "Proposal 00" in page and "Proposal 24" not in page
    assert "Proposal 24" in _page(client, "&page=2")


def test_queue_page_loads_authors_and_reports_in_a_fixed_number_of_queries(app, client, auth):
    for _ in range(20):
        idea = make_idea(status="published", author=make_user())
        db.session.add(Report(idea_id=idea.id, reporter_id=make_user().id, reason="spam"))
    db.session.commit()
    auth.login(role="moderator")
    with recorded_statements() as statements:
        _page(client)
    # A fixed cost: one count per source (new ideas, reports, corrections, comments), the page's
    # claims, the categories of the bulk form and the admins' wording of the reasons.
    assert len(statements) <= 23


def test_staff_menu_shows_how_many_items_wait(client, auth):
    make_idea(status="pending")
    make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    page = client.get("/?lang=en").get_data(as_text=True)
    assert 'href="/moderation"' in page and '<span class="badge">2</span>' in page
    auth.login(role="citizen")
    assert 'href="/moderation"' not in client.get("/?lang=en").get_data(as_text=True)


def test_review_page_lists_possible_duplicates_nearby(client, auth):
    make_idea(title="Benches in Arab League Park", lat=33.5800, lng=-7.6200)
    make_idea(title="Benches in Arab League Park", lat=33.6200, lng=-7.5000)  # far away
    make_idea(title="Fix the traffic lights", lat=33.5801, lng=-7.6201)  # different title
    idea = make_idea(status="pending", title="More benches in the Arab League Park", lat=33.5810, lng=-7.6205)
    db.session.commit()
    auth.login(role="moderator")
    page = client.get(f"/moderation/ideas/{idea.id}?lang=en").get_data(as_text=True)
    section = page[page.index("Possible duplicates nearby") : page.index("Decisions")]
    assert section.count("Benches in Arab League Park") == 1 and "traffic lights" not in section


def test_keyboard_shortcuts_have_visible_help_and_buttons_remain(client, auth):
    make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    page = _page(client)
    assert "Keyboard shortcuts" in page and "<kbd>j</kbd>" in page
    assert "/static/js/moderation.js" in page and "onclick" not in page and 'style="' not in page
    assert ">Approve</button>" in page and ">Reject</button>" in page


def test_a_reported_idea_can_be_hidden_from_the_queue(client, auth):
    idea = make_idea(title="Reported poster")
    db.session.add(Report(idea_id=idea.id, reporter_id=make_user().id, reason="spam"))
    db.session.commit()
    auth.login(role="moderator")
    page = _page(client)
    assert f'action="/moderation/ideas/{idea.id}/hide"' in page
    client.post(
        f"/moderation/ideas/{idea.id}/hide", data={"version": idea.updated_at.isoformat(), "reason": "spam"}
    )
    db.session.refresh(idea)
    assert idea.status == "hidden"
    page = _page(client)
    assert "“Reported poster” is hidden." in page  # the message names the idea
    assert f'id="item-{idea.id}"' not in page  # decided: its report is upheld and closed


def test_reported_ideas_are_read_through_their_partial_index(app):
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL's plan depends on table statistics: bench/moderation.py shows the times
    from app.moderation.queries import QueueFilters, moderation_queue

    for n in range(30):
        make_idea(status="published" if n % 3 else "pending")
    reported = make_idea()
    db.session.add(Report(idea_id=reported.id, reporter_id=make_user().id, reason="spam"))
    db.session.flush()
    db.session.execute(db.text("ANALYZE"))
    with recorded_statements() as statements, app.test_request_context("/moderation"):
        page = moderation_queue(QueueFilters(type="reported"))
    assert [item.id for item in page.items] == [reported.id] and page.total == 1
    reads = [(s, p) for s, p in statements if "open_reports > 0" in s]
    assert len(reads) == 2  # the count and the page's keys
    for statement, params in reads:
        plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
        assert any("USING INDEX ix_ideas_reported" in row[-1] for row in plan), plan
