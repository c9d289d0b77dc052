"""Each queue item shows published ideas nearby with a similar title, found for the page at once."""

from app import create_app
from app.extensions import db
from app.moderation.duplicates import duplicates_by_idea, forget_found, found_duplicates
from tests.factories import make_idea
from tests.statements import recorded_statements


def _statements_while(client, url):
    with recorded_statements() as recorded:
        response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True), [statement for statement, _params in recorded]


def test_queue_item_shows_its_possible_duplicates_nearby(client, auth):
    original = make_idea(title="Benches in Arab League Park", lat=33.5800, lng=-7.6200)
    make_idea(title="Benches in Arab League Park", lat=33.6200, lng=-7.5000)  # far away
    make_idea(title="Fix the traffic lights", lat=33.5801, lng=-7.6201)  # different title
    make_idea(title="Benches in Arab League Park", lat=33.5802, lng=-7.6202, status="rejected")
    pending = make_idea(
        status="pending", title="More benches in the Arab League Park", lat=33.5810, lng=-7.6205
    )
    lonely = make_idea(status="pending", title="A tram stop shelter", lat=33.5000, lng=-7.7000)
    db.session.commit()
    auth.login(role="moderator")
    page = client.get("/moderation?lang=en").get_data(as_text=True)
    item = page[page.index(f'id="item-{pending.id}"') : page.index(f'id="item-{lonely.id}"')]
    assert "Possible duplicates nearby" in item
    assert f'href="/ideas/{original.id}"' in item and item.count("Benches in Arab League Park") == 1
    assert "traffic lights" not in item
    assert "m away · title" in item
    other = page[page.index(f'id="item-{lonely.id}"') :]
    assert "No published idea with a similar title within 300 m." in other


def test_duplicates_of_a_whole_page_take_one_query_however_many_items(client, auth):
    for n in range(3):
        make_idea(title=f"Shade trees on street {n}", lat=33.58 + n / 100, lng=-7.62)
        make_idea(status="pending", title=f"Shade trees on street {n} please", lat=33.58 + n / 100, lng=-7.62)
    db.session.commit()
    auth.login(role="moderator")
    client.get("/moderation?lang=en")  # the first visit records the chosen language
    forget_found()
    _page, few = _statements_while(client, "/moderation?lang=en")
    for n in range(3, 15):
        make_idea(title=f"Shade trees on street {n}", lat=33.58 + n / 100, lng=-7.62)
        make_idea(status="pending", title=f"Shade trees on street {n} please", lat=33.58 + n / 100, lng=-7.62)
    db.session.commit()
    forget_found()
    page, many = _statements_while(client, "/moderation?lang=en")
    assert page.count("title ") >= 15 and len(many) == len(few)


def _searches(statements):
    return [s for s in statements if "ideas.lat BETWEEN" in s]


def test_a_page_reopened_unchanged_is_answered_without_searching_again(client, auth):
    pending = make_idea(status="pending", title="Shade trees on Zerktouni", lat=33.58, lng=-7.62)
    make_idea(title="Shade trees on Zerktouni boulevard", lat=33.5801, lng=-7.6201)
    db.session.commit()
    auth.login(role="moderator")
    _page, first = _statements_while(client, "/moderation?lang=en")
    page, again = _statements_while(client, "/moderation?lang=en")
    assert len(_searches(first)) == 1 and _searches(again) == []
    assert page.count("Shade trees on Zerktouni boulevard") == 1
    # A similar idea published nearby changes the surroundings: it is found at once.
    make_idea(title="Shade trees on Zerktouni avenue", lat=33.5802, lng=-7.6199)
    db.session.commit()
    page, after = _statements_while(client, "/moderation?lang=en")
    item = page[page.index(f'id="item-{pending.id}"') :]
    assert len(_searches(after)) == 1 and item.count("Shade trees on Zerktouni") == 3  # item + 2


def test_an_item_is_never_its_own_duplicate_and_unplaced_items_have_none(app):
    reported = make_idea(title="Painted crossing near the school", lat=33.59, lng=-7.61)
    twin = make_idea(title="Painted crossing near the school", lat=33.5901, lng=-7.6101)
    unplaced = make_idea(status="pending", title="Painted crossing near the school", lat=None, lng=None)
    found = duplicates_by_idea([reported, unplaced])
    assert [row.id for row, _score, _m in found[reported.id]] == [twin.id]
    assert found[unplaced.id] == []


def test_duplicate_search_reads_the_boxes_through_the_status_and_place_index(app):
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL's plan depends on table statistics: bench/moderation.py --explain shows it
    ideas = [make_idea(status="pending", lat=33.5 + n / 100, lng=-7.6) for n in range(3)]
    with recorded_statements() as statements:
        duplicates_by_idea(ideas)
    statement, params = statements[-1]
    plan = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
    details = [row[-1] for row in plan]
    assert all("SCAN" not in detail for detail in details)
    assert sum("ix_ideas_status_lat_lng (status=? AND lat>? AND lat<?)" in d for d in details) == 3


def test_each_app_remembers_only_its_own_duplicates(app, app_config):
    # Another app (another database) starts with nothing remembered: no reset between tests.
    make_idea(title="Shade trees on Zerktouni", lat=33.58, lng=-7.62)
    pending = make_idea(status="pending", title="Shade trees on Zerktouni please", lat=33.58, lng=-7.62)
    assert duplicates_by_idea([pending])[pending.id]
    assert len(found_duplicates().cache) == 1
    other = create_app(app_config)
    with other.app_context():
        assert len(found_duplicates().cache) == 0
