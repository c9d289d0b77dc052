"""Who may open what: every GET route of the URL map, answered for seven kinds of visitor as
the table below declares. A route missing from the table fails, so access to a new page is a
decision someone writes down. The URLs point at objects with owners (see routes.py): the
citizen's own pending idea, the facilitator's own event and upload."""

import pytest

from tests.security.routes import rules_with, url_for_rule
from tests.security.world import ROLES, build_world, sign_in

OK, LOGIN, DENIED, GONE, AWAY = 200, "login", 403, 404, "redirect"

# fmt: off
# Columns, in order: anonymous, unverified citizen, citizen (author of the ideas in the URLs),
# facilitator (of the event in the URLs), moderator, admin, facilitator of another event.
EXPECTED = {
    "core.home":                 (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "core.healthz":              (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "static":                    (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "core.outbox":               (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "operations.readyz":         (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "jobs.failed":               (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    # Accounts
    "accounts.login":            (OK,    AWAY,   AWAY,   AWAY,   AWAY,   AWAY,   AWAY),
    "accounts.register":         (OK,    AWAY,   AWAY,   AWAY,   AWAY,   AWAY,   AWAY),
    "accounts.check_inbox":      (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "accounts.reset_request":    (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "accounts.reset_password":   (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    # The first visit verifies the address and sends to the sign-in page; later ones say "used".
    "accounts.verify":           (LOGIN, AWAY,   AWAY,   AWAY,   AWAY,   AWAY,   AWAY),
    "accounts.settings":         (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "accounts.admin_users":      (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    # Privacy: the notice is public; export and deletion are one's own; a deletion link is
    # the proof by itself (it was mailed to the citizen), whoever opens it.
    "privacy.notice":            (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "privacy.accept":            (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "privacy.export":            (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "privacy.delete":            (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "privacy.delete_by_link":    (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    # Ideas (the citizen's own pending idea)
    "ideas.index":               (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "ideas.map":                 (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "ideas.category_css":        (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.ideas_geojson":         (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    # Public read API and open data (the published idea; no snapshot written yet)
    "api.ideas":                 (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.idea":                  (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.categories":            (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.districts":             (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.events":                (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.outcomes":              (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.transparency":          (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.openapi":               (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.docs":                  (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "opendata.index":            (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "opendata.download":         (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "opendata.snapshot":         (GONE,  GONE,   GONE,   GONE,   GONE,   GONE,   GONE),
    # Dashboard: public by default (DASHBOARD_PUBLIC); district populations are for admins
    "dashboard.index":           (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "dashboard.download":        (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "dashboard.populations":     (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "ideas.detail":              (GONE,  GONE,   OK,     GONE,   OK,     OK,     GONE),
    "ideas.photo":               (GONE,  GONE,   OK,     GONE,   OK,     OK,     GONE),
    # The list card's thumbnail of the published idea (a pending one's is never made: 404).
    "ideas.thumbnail":           (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "ideas.new":                 (LOGIN, DENIED, OK,     OK,     OK,     OK,     OK),
    "ideas.edit":                (LOGIN, DENIED, OK,     GONE,   GONE,   GONE,   GONE),
    "ideas.withdraw":            (LOGIN, GONE,   OK,     GONE,   GONE,   GONE,   GONE),
    "ideas.mine":                (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "ideas.admin_categories":    (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "ideas.admin_category":      (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    # Supports (a published idea)
    "votes.box":                 (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "votes.mine":                (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    # The page "Sign in to support" leads to, once signed in.
    "votes.confirm":             (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "votes.settings":            (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    # Moderation (the citizen's published idea). Reports hide ideas: only verified accounts.
    "moderation.report":         (LOGIN, DENIED, OK,     OK,     OK,     OK,     OK),
    "moderation.propose_edit":   (LOGIN, DENIED, OK,     GONE,   GONE,   GONE,   GONE),
    "moderation.transparency":   (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "moderation.queue":          (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.review":         (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.photo":          (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.public_status":  (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.audit_log":      (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.export_log":     (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.export_queue":   (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.stats":          (LOGIN, DENIED, DENIED, DENIED, OK,     OK,     DENIED),
    "moderation.edit_texts":     (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "notifications.index":       (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    "follows.index":             (LOGIN, OK,     OK,     OK,     OK,     OK,     OK),
    # The signed token is the key: the link in a mail works for whoever holds it.
    "follows.unsubscribe":       (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    # The citizen's own comment, in its edit window.
    "comments.edit":             (LOGIN, DENIED, OK,     DENIED, DENIED, DENIED, DENIED),
    "moderation.report_comment": (LOGIN, DENIED, OK,     OK,     OK,     OK,     OK),
    # Créathon (event A, its facilitator's upload waiting for its columns)
    "creathon.events":           (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "creathon.event":            (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "creathon.outcome":          (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "creathon.new_event":        (LOGIN, DENIED, DENIED, OK,     DENIED, OK,     OK),
    "creathon.edit_event":       (LOGIN, DENIED, DENIED, OK,     DENIED, OK,     DENIED),
    "creathon.upload":           (LOGIN, DENIED, DENIED, OK,     DENIED, OK,     DENIED),
    "creathon.imports":          (LOGIN, DENIED, DENIED, OK,     DENIED, OK,     DENIED),
    "creathon.import_file":      (LOGIN, DENIED, DENIED, OK,     DENIED, OK,     DENIED),
    # An upload belongs to whoever sent it: an admin is sent back to the upload page.
    "creathon.mapping":          (LOGIN, DENIED, DENIED, OK,     DENIED, AWAY,   DENIED),
    "creathon.preview":          (LOGIN, DENIED, DENIED, OK,     DENIED, AWAY,   DENIED),
    "creathon.error_report":     (LOGIN, DENIED, DENIED, OK,     DENIED, AWAY,   DENIED),
    # City projects: public pages; running them takes the permission `manage_projects`, which
    # admins hold and the moderator here was not granted.
    "api.projects":              (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "api.project":               (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "projects.index":            (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "projects.detail":           (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "projects.photo":            (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "projects.district_report":  (OK,    OK,     OK,     OK,     OK,     OK,     OK),
    "projects.new":              (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "projects.edit":             (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "projects.manage":           (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    # Relays: nobody here holds the relay role (tests/relays covers relays); facilitators and
    # admins import typed-in paper forms; the créathon upload is not a relays' upload.
    "relays.short_link":         (AWAY,  AWAY,   AWAY,   AWAY,   AWAY,   AWAY,   AWAY),
    "relays.desk":               (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "relays.enter":              (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "relays.forms":              (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "relays.sheet":              (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "relays.sheet_download":     (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "relays.supports":           (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "relays.import_upload":      (LOGIN, DENIED, DENIED, OK,     DENIED, OK,     OK),
    "relays.import_preview":     (LOGIN, DENIED, DENIED, AWAY,   DENIED, AWAY,   AWAY),
    "relays.admin_relays":       (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
    "relays.admin_audit":        (LOGIN, DENIED, DENIED, DENIED, DENIED, OK,     DENIED),
}
# fmt: on


def _answer(response):
    if response.status_code in (301, 302, 303, 307, 308):
        return LOGIN if response.headers["Location"].split("?")[0].endswith("/login") else AWAY
    return response.status_code


def test_every_get_route_is_in_the_table(app):
    routes = {rule.endpoint for rule, _method in rules_with(app, {"GET"})}
    assert sorted(routes - EXPECTED.keys()) == [], "declare who may open these routes in EXPECTED"
    assert sorted(EXPECTED.keys() - routes) == [], "these routes no longer exist"


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_route_answers_each_role_as_declared(app, db, endpoint):
    world = build_world()
    (rule,) = [rule for rule, _method in rules_with(app, {"GET"}) if rule.endpoint == endpoint]
    url = url_for_rule(rule, world)
    answers = {}
    for role in ROLES:
        client = app.test_client()
        sign_in(client, world.user(role))
        answers[role] = _answer(client.get(url))
    assert answers == dict(zip(ROLES, EXPECTED[endpoint], strict=True)), url
