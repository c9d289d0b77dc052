"""Arabic pages are mirrored, and no page scrolls sideways on a small phone."""

import pytest

from tests.e2e.scenery import build_city

pytestmark = pytest.mark.e2e


def test_arabic_ideas_page_is_mirrored(db, live_url, open_page):
    build_city()
    page = open_page(width=1100)
    page.goto(f"{live_url}/ideas?lang=ar")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    heading = page.locator("main h1").bounding_box()
    # Only the container's 1rem padding separates the heading from the right edge, and its left
    # edge is far from the left one.
    assert 1100 - 24 <= heading["x"] + heading["width"] <= 1100
    assert heading["x"] > 550
    assert page.problems == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_small_phone_never_scrolls_sideways(db, live_url, open_page, lang):
    city = build_city()
    page = open_page(city["citizen"], width=360)
    overflowing = {}
    for path in ["/", "/ideas", f"/ideas/{city['idea'].id}", "/ideas/new"]:
        page.goto(f"{live_url}{path}?lang={lang}")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            overflowing[path] = width
    assert overflowing == {}
    assert page.problems == []
