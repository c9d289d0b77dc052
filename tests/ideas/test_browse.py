"""Browsing: the list with filters, sorting and pages; the idea page; the map page."""

import re
from datetime import timedelta

from app.core.time import utcnow
from tests.factories import make_category, make_idea, make_user
from tests.ideas.helpers import make_districts


def _titles(client, url):
    page = client.get(url).get_data(as_text=True)
    return re.findall(r'<h2 id="idea-\d+-title" lang="\w+" dir="auto"><a href="/ideas/\d+">([^<]+)</a>', page)


def test_list_filters_by_category_district_and_words(client, db):
    make_districts()
    bus = make_category(slug="bus")
    trees = make_category(slug="trees")
    make_idea(title="Bus shelter", category=bus, lat=33.56, lng=-7.64)
    make_idea(
        title="Plant trees",
        category=trees,
        lat=33.56,
        lng=-7.60,
        description="More shade on the market square.",
    )
    make_idea(title="Night bus", category=bus, lat=33.56, lng=-7.60)
    from app.ideas.districts import assign_districts

    assign_districts()
    db.session.commit()
    assert sorted(_titles(client, "/ideas?category=bus")) == ["Bus shelter", "Night bus"]
    assert sorted(_titles(client, "/ideas?district=derb")) == ["Night bus", "Plant trees"]
    assert _titles(client, "/ideas?category=bus&district=maarif") == ["Bus shelter"]
    assert _titles(client, "/ideas?q=market") == ["Plant trees"]
    assert _titles(client, "/ideas?q=NIGHT") == ["Night bus"]
    assert _titles(client, "/ideas?q=100%25") == []


def test_visitors_see_published_ideas_only_whatever_the_status_filter(client, db, auth):
    make_idea(title="Public one")
    make_idea(title="Waiting one", status="pending")
    make_idea(title="Hidden one", status="hidden")
    db.session.commit()
    assert _titles(client, "/ideas") == ["Public one"]
    assert _titles(client, "/ideas?status=pending") == ["Public one"]
    assert 'name="status"' not in client.get("/ideas").get_data(as_text=True)
    auth.login(role="moderator")
    assert _titles(client, "/ideas?status=pending") == ["Waiting one"]
    assert sorted(_titles(client, "/ideas")) == ["Hidden one", "Public one", "Waiting one"]


def test_sorting_by_supports_newest_and_distance(client, db):
    now = utcnow()
    make_idea(title="Old popular", support_count=9, created_at=now - timedelta(days=3), lat=33.60, lng=-7.60)
    make_idea(title="New quiet", support_count=1, created_at=now, lat=33.50, lng=-7.60)
    make_idea(title="Middle", support_count=4, created_at=now - timedelta(days=1), lat=33.56, lng=-7.60)
    make_idea(title="Unplaced", support_count=0, created_at=now - timedelta(days=5), lat=None, lng=None)
    db.session.commit()
    assert _titles(client, "/ideas") == ["Old popular", "Middle", "New quiet", "Unplaced"]
    assert _titles(client, "/ideas?sort=newest") == ["New quiet", "Middle", "Old popular", "Unplaced"]
    near = _titles(client, "/ideas?sort=near&near=33.51,-7.60")
    assert near == ["New quiet", "Middle", "Old popular", "Unplaced"]
    page = client.get("/ideas?sort=near&near=33.51,-7.60&lang=en").get_data(as_text=True)
    assert "1,112 m away" in page


def test_nearest_sort_needs_a_readable_point(client, db):
    make_idea(title="Anything")
    db.session.commit()
    page = client.get("/ideas?sort=near&near=somewhere&lang=en").get_data(as_text=True)
    assert "Write the point as latitude, longitude" in page
    assert _titles(client, "/ideas?sort=near&near=somewhere") == ["Anything"]


def test_list_is_paginated_twenty_per_page(client, db):
    category = make_category()
    author = make_user()
    for n in range(45):
        make_idea(title=f"Idea number {n:02d}", support_count=n, category=category, author=author)
    db.session.commit()
    first = client.get("/ideas?lang=en").get_data(as_text=True)
    assert "Page 1 of 3" in first and "Idea number 44" in first and "Idea number 24" not in first
    assert 'rel="next" href="/ideas?lang=en&amp;page=2"' in first
    third = _titles(client, "/ideas?page=3")
    assert third == [f"Idea number {n:02d}" for n in range(4, -1, -1)]
    assert _titles(client, "/ideas?page=99") == []


def test_category_names_follow_the_page_language(client, db):
    category = make_category(fr="Éclairage", ar="الإنارة", en="Lighting")
    make_idea(category=category)
    db.session.commit()
    assert "Éclairage" in client.get("/ideas?lang=fr").get_data(as_text=True)
    assert "الإنارة" in client.get("/ideas?lang=ar").get_data(as_text=True)
    assert "Lighting" in client.get("/ideas?lang=en").get_data(as_text=True)


def test_idea_page_shows_the_facts_and_a_share_preview(client, db):
    author = make_user(name="Salma")
    make_districts()
    idea = make_idea(title="Shade for the bus stop", author=author, lat=33.565, lng=-7.63)
    from app.ideas.districts import assign_districts

    assign_districts()
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert '<h1 lang="fr" dir="auto">Shade for the bus stop</h1>' in page
    assert "Salma" in page and "Maârif en" in page and "Published" in page
    assert '<meta property="og:title" content="Shade for the bus stop">' in page
    assert f'<meta property="og:url" content="http://agora.test/ideas/{idea.id}">' in page
    assert 'name="twitter:card"' in page
    assert f'value="http://agora.test/ideas/{idea.id}"' in page
    assert 'src="/static/vendor/leaflet/leaflet.js"' in page


def test_unpublished_ideas_are_visible_to_author_and_staff_only(client, db, auth):
    author = make_user()
    idea = make_idea(author=author, status="pending", title="Waiting")
    db.session.commit()
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    auth.login()
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    auth.login_as(author)
    assert client.get(f"/ideas/{idea.id}").status_code == 200
    auth.login(role="moderator")
    assert client.get(f"/ideas/{idea.id}").status_code == 200
    assert client.get("/ideas/999999").status_code == 404


def test_map_page_embeds_no_idea_and_loads_nothing_from_other_hosts(client, db):
    make_idea(title="Secret marker title", lat=33.57, lng=-7.59)
    db.session.commit()
    response = client.get("/map?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Secret marker title" not in page
    assert "L.marker(" not in page and "33.57," not in page.replace("33.5731", "")
    assert 'data-geojson-url="/api/v1/ideas.geojson"' in page
    assert 'src="/static/vendor/leaflet/leaflet.js"' in page
    assert 'href="/static/vendor/leaflet/leaflet.css"' in page
    assert 'src="/static/js/map.js"' in page
    for marker in (
        "cdn.",
        "jsdelivr",
        "jquery",
        "bootstrap",
        "fontawesome",
        'src="http',
        'href="http',
        "src='http",
    ):
        assert marker not in page
    assert len(response.data) < 100_000
    assert '<a class="button button-secondary" href="/ideas?lang=en">' in page


def test_every_inline_script_on_the_map_page_carries_the_csp_nonce(client):
    response = client.get("/map")
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    page = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert inline, "the folium map script is expected inline"
    assert all(f'nonce="{nonce}"' in attrs for attrs in inline)
    assert "<style" not in page and 'style="' not in page
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_tiles_and_attribution_come_from_the_configuration(app, client):
    app.config["TILE_URL"] = "https://tiles.example.org/{z}/{x}/{y}.png"
    app.config["TILE_ATTRIBUTION"] = "Example tiles"
    page = client.get("/map").get_data(as_text=True)
    assert "https://tiles.example.org/{z}/{x}/{y}.png" in page and "Example tiles" in page


def test_map_filters_offer_categories_and_link_to_the_list(client, db):
    make_category(slug="benches", en="Benches")
    db.session.commit()
    page = client.get("/map?lang=en&category=benches").get_data(as_text=True)
    assert '<option selected value="benches">Benches</option>' in page
    assert 'href="/ideas?lang=en&amp;category=benches"' in page


def test_category_colours_are_served_as_a_stylesheet(client, db):
    make_category(slug="benches")
    db.session.commit()
    response = client.get("/ideas/categories.css")
    assert response.mimetype == "text/css"
    assert ".swatch-benches{background-color:#1f6f8b}" in response.get_data(as_text=True)


def test_home_page_lists_the_latest_ideas(client, db):
    make_idea(title="Latest bench")
    make_idea(title="Not yet", status="pending")
    db.session.commit()
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Latest ideas" in page and "Latest bench" in page and "Not yet" not in page


def test_navigation_links_to_ideas_map_and_proposing(client, auth):
    page = client.get("/?lang=en").get_data(as_text=True)
    for href in ('href="/ideas"', 'href="/map"', 'href="/ideas/new"'):
        assert href in page
    assert 'href="/ideas/mine"' not in page
    auth.login()
    assert 'href="/ideas/mine"' in client.get("/?lang=en").get_data(as_text=True)


def test_map_script_writes_user_text_as_text_never_as_html():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "map.js").read_text()
    assert "innerHTML" not in script and "bindTooltip(props.title)" not in script
    assert "bindPopup(popupFor(props))" in script


def test_map_page_opens_on_the_chosen_district(client, db):
    make_districts()
    db.session.commit()
    page = client.get("/map?district=derb").get_data(as_text=True)
    assert 'data-bounds="[[33.55, -7.62], [33.58, -7.59]]"' in page
