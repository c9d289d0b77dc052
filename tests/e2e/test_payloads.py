"""Hostile text everywhere a person can type: every payload of tests/security/payloads.txt is
written into names, ideas, reports, moderators' messages, answers, corrections, events,
imported cells, districts and categories, and every page that shows them is opened in French
and Arabic. Nothing from a payload may run, become markup, trip the CSP, or be evaluated as a
template ({{7*7}} stays as typed)."""

import pytest

from tests.security.payload_city import build_payload_city

pytestmark = pytest.mark.e2e

LANGUAGES = ("fr", "ar")
MAP_CENTRE = [33.5965, -7.6172]  # the middle of the payload ideas (payload_city.CENTRE)
HOOK = """
window.__xssFired = [];
window.__xss = function (n) { window.__xssFired.push(String(n)); };
"""
CHECK = """async () => {
  await new Promise(resolve => setTimeout(resolve, 30));  // queued events and CSP reports
  return {
    fired: window.__xssFired || ["hook missing"],
    injected: Array.from(document.querySelectorAll("[data-xss], xss-probe"), e => e.outerHTML.slice(0, 80)),
    evaluated: document.body.innerText.includes("agora49agora"),
    secret: document.documentElement.outerHTML.includes("test-secret"),
  };
}"""
OPEN_POPUPS = """async ([lat, lng]) => {
  const frame = document.getElementById("ideas-map");
  const map = window[frame.dataset.mapVar];
  map.setView([lat, lng], 18);
  await new Promise(resolve => setTimeout(resolve, 1000));
  const markers = [];
  map.eachLayer(layer => { if (layer.getPopup && layer.getPopup()) { markers.push(layer); } });
  for (const marker of markers) {
    marker.openPopup();
    await new Promise(resolve => setTimeout(resolve, 40));
  }
  return markers.length;
}"""


@pytest.fixture
def app_config(app_config):
    # Mail to the outbox, so that the admin's outbox page shows the moderators' messages; the
    # browser keeps static files as behind the production proxy, and hundreds of pages load faster.
    return type(
        "PayloadConfig",
        (app_config,),
        {"MAIL_BACKEND": "app.core.outbox.EmailBackend", "SEND_FILE_MAX_AGE_DEFAULT": 3600},
    )


class Walker:
    """Opens pages as one person and records whatever a payload managed to do there."""

    def __init__(self, open_page, live_url, found):
        self.open_page, self.live_url, self.found = open_page, live_url, found

    def as_user(self, user):
        page = self.open_page(user)
        page.add_init_script(HOOK)
        page.on("dialog", lambda dialog: (page.problems.append(f"dialog {dialog.message}"), dialog.dismiss()))
        return page

    def visit(self, page, path, lang, then=None):
        url = f"{self.live_url}{path}{'&' if '?' in path else '?'}lang={lang}"
        response = page.goto(url, wait_until="load")
        if then is not None:
            then(page)
        seen = page.evaluate(CHECK)
        where = f"{path} ({lang})"
        if response.status != 200:
            self.found.append(f"{where}: HTTP {response.status}")
        for label in ("fired", "injected"):
            if seen[label]:
                self.found.append(f"{where}: {label} {seen[label]}")
        if seen["evaluated"]:
            self.found.append(f"{where}: a template expression was evaluated")
        if seen["secret"]:
            self.found.append(f"{where}: the secret key is on the page")
        if page.problems:
            self.found.append(f"{where}: {page.problems}")
            page.problems.clear()
        return page

    def walk(self, user, paths, *per_object):
        """`paths` in every language; each list of `per_object` pages (one per payload) with the
        languages alternating, shifted from one list to the next: each payload is seen in
        both languages, each page once."""
        page = self.as_user(user)
        for lang in LANGUAGES:
            for path in paths:
                self.visit(page, path, lang)
        for shift, objects in enumerate(per_object):
            for n, path in enumerate(objects):
                self.visit(page, path, LANGUAGES[(n + shift) % len(LANGUAGES)])


def _paginated(path, count, per_page):
    pages = max(1, -(-count // per_page))
    return [f"{path}{'&' if '?' in path else '?'}page={n}" for n in range(1, pages + 1)]


def test_no_payload_runs_or_becomes_markup_on_any_page(db, live_url, open_page):
    city = build_payload_city()
    n = len(city.payloads)
    found = []
    walker = Walker(open_page, live_url, found)
    event = city.event.slug
    walker.walk(
        None,
        [
            "/",
            *_paginated("/ideas", n, 20),
            "/ideas?q=script&sort=recent",
            "/transparency",
            *_paginated("/events", len(city.events), 20),
        ],
        [f"/ideas/{idea.id}" for idea in city.published],
        [f"/events/{e.slug}" for e in city.events],
    )
    walker.walk(
        city.author,
        [
            "/ideas/mine",
            *_paginated("/notifications", 3 * n, 30),
            "/account",
        ],
        [f"/ideas/{idea.id}/edit" for idea in city.pending],
        [f"/ideas/{idea.id}/correction" for idea in city.published],
    )
    walker.walk(
        city.moderator,
        [
            *_paginated("/moderation", 4 * n, 20),
            *_paginated("/moderation?type=edit", n, 20),
            f"/moderation/ideas/{city.published[0].id}/public-status",
        ],
        [f"/moderation/ideas/{idea.id}" for idea in city.published],
    )
    token, odd, query = city.upload_token, city.odd_upload_token, city.upload_query
    preview = "&".join(f"{k}={v}" for k, v in query.items())
    walker.walk(
        city.facilitator,
        [
            f"/events/{event}",
            f"/events/{event}/edit",
            f"/events/{event}/imports",
            f"/events/{event}/import/{token}",
            f"/events/{event}/import/{token}/preview?{preview}",
            f"/events/{event}/import/{odd}",
        ],
        [f"/events/{event}/outcomes/{outcome.id}" for outcome in city.outcomes],
    )
    walker.walk(
        city.admin,
        [
            *_paginated("/admin/users", 60, 25),
            "/admin/categories",
            *(f"/admin/categories/{category.id}" for category in city.categories),
            "/admin/votes",
            "/admin/outbox",
        ],
    )
    map_page = walker.as_user(city.author)
    opened = []

    def open_popups(page):
        opened.append(page.evaluate(OPEN_POPUPS, MAP_CENTRE))

    for lang in LANGUAGES:
        walker.visit(map_page, "/map", lang, then=open_popups)
    assert min(opened) > 10, "the map showed too few ideas to open their popups"
    assert found == []


def test_template_expressions_show_as_typed(db, live_url, open_page):
    city = build_payload_city()
    walker = Walker(open_page, live_url, [])
    page = walker.as_user(None)
    for payload in ("{{7*7}}", "agora{{7*7}}agora ${7*7} #{7*7} <%= 7*7 %>"):
        idea = city.published[city.payloads.index(payload)]
        for lang in LANGUAGES:
            walker.visit(page, f"/ideas/{idea.id}", lang)
            assert page.locator("h1").inner_text() == payload
    assert walker.found == []
