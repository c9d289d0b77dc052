"""The review page shows the item's place on a small map; the text place stays for readers without JS."""

import re

from app.extensions import db
from tests.factories import make_idea


def test_review_page_shows_the_place_on_a_local_map_with_the_text_fallback(client, auth):
    idea = make_idea(status="pending", title="Crossing by the market", lat=33.58123, lng=-7.61234)
    db.session.commit()
    auth.login(role="moderator")
    response = client.get(f"/moderation/ideas/{idea.id}?lang=en")
    page = response.get_data(as_text=True)
    assert 'class="folium-map"' in page and 'aria-label="Place of idea #' in page
    assert "/static/vendor/leaflet/leaflet.js" in page and "cdn" not in page.lower()
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in page and "L.marker" in page
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"].split("script-src")[1]
    assert "33.58123, -7.61234" in page  # the coordinates stay readable without the map


def test_review_page_of_an_unplaced_idea_has_no_map(client, auth):
    idea = make_idea(status="pending", lat=None, lng=None, place_label="Somewhere downtown")
    db.session.commit()
    auth.login(role="moderator")
    page = client.get(f"/moderation/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "folium-map" not in page and "Somewhere downtown" in page
