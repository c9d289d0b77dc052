"""The map as a resident meets it on a 390 px phone and a desktop, in Arabic, French and English:
the map first, folded filters and menu, one support count, markers by keyboard, Leaflet in the
page's language, the legend, "near me", and no empty map box without JavaScript."""

import pytest
from PIL import Image

from app.extensions import db as _db
from tests.e2e.scenery import make_district, tr
from tests.factories import make_category, make_idea, make_user

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _phone(page):
    page.set_viewport_size(PHONE)
    return page


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _marker(page):
    marker = page.locator("path.idea-point").first
    marker.wait_for()
    return marker


def _settled_popup(page):
    """One popup, fully shown, whose support box has arrived."""
    popups = page.locator(".leaflet-popup")
    for _attempt in range(100):
        if popups.count() == 1 and page.locator(".idea-popup [data-support]").count() == 1:
            if popups.evaluate("e => getComputedStyle(e).opacity === '1'"):
                return popups
        page.wait_for_timeout(50)
    raise AssertionError(f"{popups.count()} popups")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_on_a_phone_the_map_comes_first_with_folded_filters_and_menu(app, db, live_url, open_page, lang):
    make_district()
    make_idea(title="Des bancs", lat=33.595, lng=-7.615)
    db.session.commit()
    page = _phone(open_page())
    page.goto(f"{live_url}/map?lang={lang}")
    _marker(page)
    frame = _box(page, "#ideas-map")
    # The map starts in the first screen and, scrolled to, fills it.
    assert frame["y"] < PHONE["height"] / 2, frame
    assert frame["height"] >= PHONE["height"] - 40, frame
    filters = page.locator("details.filter-disclosure")
    assert filters.get_attribute("open") is None and page.locator("#q").is_hidden()
    filters.locator("summary").click()
    assert page.locator("#q").is_visible()
    # The site menu is one button; its links show when it opens.
    menu = page.locator("details.nav-menu > summary")
    assert menu.is_visible() and menu.inner_text().strip() == tr(app, lang, "Menu")
    ideas_link = page.locator(".main-nav").get_by_role("link", name=tr(app, lang, "Ideas"), exact=True)
    assert ideas_link.is_hidden()
    menu.click()
    assert ideas_link.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.problems == []


def test_the_menu_works_without_javascript_and_desktop_shows_the_links(app, db, live_url, open_page):
    page = _phone(open_page(javascript=False))
    page.goto(f"{live_url}/?lang=ar")
    link = page.locator(".main-nav").get_by_role("link", name=tr(app, "ar", "Map"), exact=True)
    assert link.is_hidden()
    page.locator("details.nav-menu > summary").click()
    link.click()
    page.wait_for_url(f"{live_url}/map*")
    desktop = open_page(javascript=False)
    desktop.goto(f"{live_url}/?lang=fr")
    assert desktop.locator("details.nav-menu > summary").is_hidden()
    assert (
        desktop.locator(".main-nav").get_by_role("link", name=tr(app, "fr", "Map"), exact=True).is_visible()
    )


@pytest.mark.parametrize("width", [390, 1100])
def test_the_idea_page_shows_one_support_count_after_supporting(app, db, live_url, open_page, width):
    resident = make_user()
    idea = make_idea(title="Un abri de bus")
    db.session.commit()
    page = open_page(resident, width=width)
    page.goto(f"{live_url}/ideas/{idea.id}?lang=fr")
    page.get_by_role("button", name=tr(app, "fr", "Support this idea")).click()
    page.get_by_role("button", name=tr(app, "fr", "Withdraw my support")).wait_for()
    facts = page.locator(f'[data-support-count-of="{idea.id}"]')
    assert facts.inner_text() == "1" and page.locator("[data-support-count]").inner_text() == "1"
    assert page.problems == []


def test_the_arabic_map_popup_has_one_count_still_right_when_reopened(app, db, live_url, open_page):
    make_district()
    resident = make_user(language="ar")
    idea = make_idea(title="ممر للراجلين", lat=33.595, lng=-7.615)
    db.session.commit()
    page = _phone(open_page(resident))
    page.goto(f"{live_url}/map?lang=ar")
    marker = _marker(page)
    assert marker.get_attribute("aria-label") == _point_name(app, "ar", "ممر للراجلين", 0)
    marker.click(force=True)
    popup = _settled_popup(page)
    # One count in the popup: the support box's, not a second line from the map's data.
    assert (
        popup.locator("[data-support-count]").count() == 1 and popup.locator(".idea-popup-count").count() == 0
    )
    popup.get_by_role("button", name=tr(app, "ar", "Support this idea")).click()
    popup.get_by_role("button", name=tr(app, "ar", "Withdraw my support")).wait_for()
    assert popup.locator("[data-support-count]").inner_text() == "1"
    assert marker.get_attribute("aria-label") == _point_name(app, "ar", "ممر للراجلين", 1)
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    marker.click(force=True)
    popup = _settled_popup(page)
    assert popup.locator("[data-support-count]").inner_text() == "1"
    assert popup.get_by_role("button", name=tr(app, "ar", "Withdraw my support")).count() == 1
    _db.session.expire_all()
    assert idea.support_count == 1
    assert page.problems == []


def _point_name(app, lang, title, count):
    from flask_babel import force_locale, ngettext

    with app.test_request_context("/"), force_locale(lang):
        return ngettext(
            "Idea: %(title)s, %(count)s support",
            "Idea: %(title)s, %(count)s supports",
            count,
            title=title,
            count=count,
        )


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_markers_work_by_keyboard_and_leaflet_speaks_the_page_language(app, db, live_url, open_page, lang):
    make_district()
    make_idea(title="Bancs à l'ombre", lat=33.595, lng=-7.615)
    db.session.commit()
    page = open_page(make_user())
    _db.session.commit()
    page.goto(f"{live_url}/map?lang={lang}")
    marker = _marker(page)
    assert marker.get_attribute("role") == "button" and marker.get_attribute("tabindex") == "0"
    zoom_in = page.locator(".leaflet-control-zoom-in")
    assert zoom_in.get_attribute("aria-label") == tr(app, lang, "Zoom in")
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == tr(app, lang, "Zoom out")
    credit = page.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap" in credit and (lang == "en" or "contributors" not in credit)
    marker.focus()
    page.keyboard.press("Enter")
    popup = _settled_popup(page)
    # Focus moved into the popup: its title link, then on to the support button.
    assert page.evaluate("document.activeElement.closest('.idea-popup') !== null")
    assert page.evaluate("document.activeElement.textContent") == "Bancs à l'ombre"
    for _step in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.idea-popup button')"):
            break
    assert page.evaluate("document.activeElement.matches('.idea-popup button')")
    close = popup.locator(".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == tr(app, lang, "Close the popup")
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("document.activeElement.matches('path.idea-point')")
    assert page.problems == []


def test_on_arabic_maps_numbers_read_before_units_and_titles_keep_their_language(
    app, db, live_url, open_page
):
    make_district()
    make_idea(title="Bancs à l'ombre (place)", lat=33.595, lng=-7.615)
    db.session.commit()
    page = open_page()
    page.goto(f"{live_url}/map?lang=ar")
    marker = _marker(page)
    # The scale bar reads "300 m" or "1 km", never "m 300", on a right-to-left page.
    scale = page.evaluate(
        """() => {
          const node = document.querySelector('.leaflet-control-scale-line').firstChild;
          const range = document.createRange(), at = i => {
            range.setStart(node, i); range.setEnd(node, i + 1); return range.getBoundingClientRect().left; };
          return {text: node.textContent, number: at(0), unit: at(node.textContent.length - 1)};
        }"""
    )
    assert scale["text"][0].isdigit() and scale["number"] < scale["unit"], scale
    # A French title on the Arabic map: its own direction and language in the tooltip.
    marker.hover(force=True)
    tooltip = page.locator(".leaflet-tooltip span")
    tooltip.wait_for()
    assert tooltip.get_attribute("lang") == "fr" and tooltip.get_attribute("dir") == "auto"
    assert tooltip.inner_text() == "Bancs à l'ombre (place)"
    assert page.problems == []


def test_the_idea_pages_marker_is_named_in_the_page_language(app, db, live_url, open_page):
    idea = make_idea(title="Bancs à l'ombre", lat=33.595, lng=-7.615)
    db.session.commit()
    page = open_page()
    page.goto(f"{live_url}/ideas/{idea.id}?lang=ar")
    marker = page.locator(".leaflet-marker-icon")
    marker.wait_for()
    page.wait_for_function("document.querySelector('.leaflet-marker-icon').alt !== 'Marker'")
    assert marker.get_attribute("alt") == tr(app, "ar", "Marker") != "Marker"
    assert page.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == tr(app, "ar", "Zoom in")
    assert page.problems == []


def test_clusters_are_named_and_chosen_by_keyboard(app, db, live_url, open_page):
    import json

    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-7.55, 33.56]},
                "properties": {"cluster": True, "count": 42, "bbox": [-7.57, 33.54, -7.53, 33.58]},
            }
        ],
    }
    page = open_page()
    page.route(
        "**/api/v1/ideas.geojson*",
        lambda route: route.fulfill(
            status=200, content_type="application/geo+json", body=json.dumps(collection)
        ),
    )
    page.goto(f"{live_url}/map?lang=en")
    cluster = page.locator(".idea-cluster")
    cluster.wait_for()
    assert cluster.get_attribute("aria-label") == "Cluster of 42 ideas. Select to zoom in."
    zoom = page.evaluate(
        f"window[{json.dumps(page.locator('#ideas-map').get_attribute('data-map-var'))}].getZoom()"
    )
    cluster.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(700)
    after = page.evaluate(
        f"window[{json.dumps(page.locator('#ideas-map').get_attribute('data-map-var'))}].getZoom()"
    )
    assert after > zoom
    # The zoomed map's first marker has the focus, not the page's body.
    assert page.evaluate("document.activeElement.matches('.idea-cluster')")
    assert page.problems == []


@pytest.mark.parametrize(("lang", "width"), [("ar", 390), ("en", 1100)])
def test_places_shown_never_covers_the_scale_or_the_credit(app, db, live_url, open_page, lang, width):
    make_district()
    make_idea(lat=33.595, lng=-7.615)
    db.session.commit()
    page = open_page(width=width)
    page.goto(f"{live_url}/map?lang={lang}")
    _marker(page)
    status = _box(page, "#ideas-map-status")
    assert status is not None and page.locator("#ideas-map-status").inner_text()
    for other in (".leaflet-control-scale", ".leaflet-control-attribution", ".leaflet-control-zoom"):
        assert not _overlap(status, _box(page, other)), other


def test_popup_shows_the_citys_answer_and_a_photo_and_the_legend_names_colours(app, db, live_url, open_page):
    make_district()
    category = make_category(slug="arbres", fr="Arbres", ar="أشجار", en="Trees")
    category.color = "#2d6a4f"
    idea = make_idea(title="Des arbres", category=category, lat=33.595, lng=-7.615)
    idea.public_status = "planned"
    # A real phone-sized photo: the popup must fetch its small copy, never the photo itself.
    folder = app.config["UPLOAD_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    Image.effect_noise((1600, 1200), 90).convert("RGB").save(folder / "trees.jpg", "JPEG", quality=95)
    idea.photo = "trees.jpg"
    db.session.commit()
    page = open_page()
    images = []
    page.on("response", lambda r: r.request.resource_type == "image" and images.append(r))
    page.goto(f"{live_url}/map?lang=fr")
    legend = page.locator(".map-legend")
    assert "Arbres" in legend.inner_text()
    assert tr(app, "fr", "Dashed grey line: district boundary") in legend.inner_text()
    assert (
        legend.locator(".swatch-arbres").evaluate("e => getComputedStyle(e).backgroundColor")
        == "rgb(45, 106, 79)"
    )
    # The districts' outlines are drawn under the ideas.
    assert page.locator(".leaflet-overlay-pane path:not(.idea-point)").count() >= 1
    _marker(page).click(force=True)
    popup = _settled_popup(page)
    assert tr(app, "fr", "City's answer: %(answer)s", answer=tr(app, "fr", "Planned")) in popup.inner_text()
    image = popup.locator("img.idea-popup-photo")
    assert image.get_attribute("src") == f"/ideas/{idea.id}/thumbnail"
    assert image.get_attribute("alt") == tr(app, "fr", "Photo of the place")
    page.wait_for_function("document.querySelector('img.idea-popup-photo').naturalWidth > 0")
    assert image.evaluate("e => Math.max(e.naturalWidth, e.naturalHeight)") <= 240
    photos = [r for r in images if f"/ideas/{idea.id}/" in r.url]
    assert [r.url.rsplit("/", 1)[1] for r in photos] == ["thumbnail"]
    full = (folder / "trees.jpg").stat().st_size
    assert len(photos[0].body()) * 10 < full


def test_near_me_centres_the_map_or_says_why_not(app, db, live_url, open_page, chromium):
    page = open_page()
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 33.5912, "longitude": -7.6190})
    page.goto(f"{live_url}/map?lang=fr")
    page.get_by_role("button", name=tr(app, "fr", "Near me")).click()
    status = page.locator("#ideas-map-status")
    status.filter(has_text=tr(app, "fr", "The map shows the ideas around you.")).wait_for()
    var = page.locator("#ideas-map").get_attribute("data-map-var")
    centre = page.evaluate(
        f"(() => {{ const m = window['{var}']; return [m.getCenter().lat, m.getZoom()]; }})()"
    )
    assert abs(centre[0] - 33.5912) < 0.01 and centre[1] == 16

    refused = open_page()
    refused.goto(f"{live_url}/map?lang=ar")
    refused.get_by_role("button", name=tr(app, "ar", "Near me")).click()
    message = tr(
        app,
        "ar",
        "Your location was not shared, so the map stays where it is. "
        "Choose a district in the filters instead.",
    )
    refused.locator("#ideas-map-status").filter(has_text=message).wait_for()
    assert page.problems == [] and refused.problems == []


def test_without_javascript_no_empty_map_box(app, db, live_url, open_page):
    district = make_district()
    resident = make_user()
    idea = make_idea(title="Un banc", lat=33.5912, lng=-7.619, district=district)
    db.session.commit()
    page = _phone(open_page(resident, javascript=False))
    page.goto(f"{live_url}/ideas/{idea.id}?lang=ar")
    assert page.locator(".map-frame").is_hidden()
    fallback = page.locator(".map-fallback")
    assert "33.5912" in fallback.inner_text() and "سيدي بليوط" in fallback.inner_text()
    page.goto(f"{live_url}/ideas/new?lang=fr")
    assert page.locator(".map-frame").is_hidden()
    assert page.locator(".map-fallback").is_visible() and page.locator("#lat").is_visible()
    page.goto(f"{live_url}/map?lang=en")
    assert page.locator(".map-frame").is_hidden() and page.locator(".map-fallback").is_visible()


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_map_pages_at_phone_width_have_no_serious_accessibility_violation(
    app, db, live_url, open_page, audit, lang
):
    district = make_district()
    resident = make_user()
    idea = make_idea(title="Un banc", lat=33.5912, lng=-7.619, district=district)
    idea.public_status = "under_study"
    db.session.commit()
    page = _phone(open_page(resident))
    report = {}
    for path in ("/map", f"/ideas/{idea.id}", "/ideas/new", "/account"):
        page.goto(f"{live_url}{path}?lang={lang}")
        page.wait_for_load_state("networkidle")
        found = audit(page)
        if found:
            report[path] = found
    # The map with its filters and menu open and a popup shown.
    page.goto(f"{live_url}/map?lang={lang}")
    page.locator("details.filter-disclosure > summary").click()
    page.locator("details.nav-menu > summary").click()
    _marker(page).click(force=True)
    _settled_popup(page)
    found = audit(page)
    if found:
        report["/map (open)"] = found
    assert report == {}, report
    assert page.problems == []
