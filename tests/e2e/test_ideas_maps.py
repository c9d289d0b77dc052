"""Browser tests of the ideas maps: placing a pin, and drawing what the GeoJSON API returns."""

import json

import pytest
from sqlalchemy import select

from app.ideas.models import Idea
from tests.factories import PASSWORD, make_category, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_page(open_page):
    return open_page()


def _sign_in(page, live_url, user):
    page.goto(f"{live_url}/login?lang=en")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")


def test_clicking_the_map_places_the_pin_and_the_idea_lands_there(db, live_url, browser_page):
    page = browser_page
    category = make_category(en="Benches")
    user = make_user()
    db.session.commit()
    _sign_in(page, live_url, user)
    page.goto(f"{live_url}/ideas/new?lang=en")
    assert page.locator("button.locate-button").text_content() == "Use my location"
    page.fill("#title", "A bench under the trees")
    page.fill("#description", "Older residents have nowhere to rest on the way to the market.")
    page.select_option("#category", category.slug)
    page.click("#propose-map", position={"x": 500, "y": 170})
    lat, lng = float(page.input_value("#lat")), float(page.input_value("#lng"))
    assert 33.45 < lat < 33.68 and -7.80 < lng < -7.35
    page.click("form.idea-form button[type=submit]")
    page.wait_for_url(f"{live_url}/ideas/*")
    db.session.expire_all()
    idea = db.session.scalar(select(Idea))
    assert (round(idea.lat, 6), round(idea.lng, 6)) == (lat, lng) and not idea.approximate
    assert page.problems == []


def test_map_draws_points_and_clusters_from_the_api_with_titles_as_text(db, live_url, browser_page):
    from tests.factories import make_idea

    page = browser_page
    idea = make_idea(title="Shade")
    db.session.commit()
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-7.62, 33.59]},
                "properties": {
                    "id": idea.id,
                    "title": "<img src=x onerror=alert(1)>Shade",
                    "category": "trees",
                    "category_name": "Trees",
                    "color": "#2d6a4f",
                    "support_count": 3,
                    "url": f"/ideas/{idea.id}",
                    "approximate": False,
                },
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-7.55, 33.56]},
                "properties": {"cluster": True, "count": 42, "bbox": [-7.57, 33.54, -7.53, 33.58]},
            },
        ],
    }
    requests = []

    def api(route):
        requests.append(route.request.url)
        route.fulfill(status=200, content_type="application/geo+json", body=json.dumps(collection))

    page.route("**/api/v1/ideas.geojson*", api)
    page.goto(f"{live_url}/map?lang=en&q=shade")
    page.wait_for_selector(".idea-cluster")
    assert "bbox=" in requests[0] and "zoom=12" in requests[0] and "q=shade" in requests[0]
    assert page.text_content("#ideas-map-status") == "Places shown on the map: 43."
    assert page.locator(".idea-cluster").text_content() == "42"
    page.locator("path.leaflet-interactive").first.click(force=True)
    popup = page.locator(".idea-popup")
    assert popup.locator("h2 a").text_content() == "<img src=x onerror=alert(1)>Shade"
    assert popup.locator("img").count() == 0
    # The support box is loaded for the visitor when the popup opens: signed out, a "Sign in to
    # support" button whose support comes back to the map.
    sign_in = popup.get_by_role("button", name="Sign in to support")
    assert sign_in.locator("xpath=ancestor::form").get_attribute("action").endswith("/vote")
    assert popup.locator("input[name=next]").get_attribute("value").startswith("/map?lang")
    page.locator(".idea-cluster").click()
    page.wait_for_timeout(600)
    assert len(requests) >= 2 and "zoom=12" not in requests[-1]
    assert page.problems == []
