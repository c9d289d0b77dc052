"""Ideas that are not public (pending, changes requested, rejected, hidden, withdrawn, merged)
stay hidden on every read path from everyone but their author and staff, and nobody reaches
another person's drafts, notifications or uploads. The ideas' titles are the secret: a page,
a fragment, a JSON answer or a message that shows one leaks it."""

from datetime import date

import pytest
from flask import current_app
from sqlalchemy import select

from app.creathon import importer, linking
from app.creathon import services as creathon_services
from app.creathon.mapping import guess_mapping
from app.creathon.models import Link, Outcome
from app.creathon.readers import read_table
from app.extensions import db as _db
from app.geometry.polygons import service_area
from app.ideas.models import Idea
from app.moderation import services as moderation
from app.moderation.models import IdeaEdit, Report
from app.notifications.models import Notification
from tests.creathon.files import first_category_options
from tests.factories import make_idea, make_user
from tests.security.world import NON_PUBLIC, OUTCOME_CSV, SPOT, build_world, secret_title, sign_in

OUTSIDERS = ("anonymous", "unverified", "citizen", "facilitator", "facilitator_b")
STAFF = ("moderator", "admin")


@pytest.fixture
def world(db):
    return build_world()


def _client(app, user):
    client = app.test_client()
    sign_in(client, user)
    return client


def _leaks(text):
    return [status for status in NON_PUBLIC if secret_title(status) in text]


def _version(idea):
    _db.session.refresh(idea)
    return idea.updated_at


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_for_non_public_ideas_and_their_photos(app, world, role):
    client = _client(app, world.user(role))
    for status, idea in world.secrets.items():
        page = client.get(f"/ideas/{idea.id}")
        if status == "merged":
            assert page.status_code == 302
            assert page.headers["Location"].endswith(f"/ideas/{world.original.id}")
        else:
            assert page.status_code == 404, status
        assert _leaks(page.get_data(as_text=True)) == []
        assert client.get(f"/ideas/{idea.id}/photo").status_code == 404, status
        fragment = client.get(f"/ideas/{idea.id}/support")
        assert fragment.status_code == 404, status
        assert _leaks(fragment.get_data(as_text=True)) == []
        report = client.get(f"/ideas/{idea.id}/report")
        assert report.status_code in (302, 403, 404), status
        assert _leaks(report.get_data(as_text=True)) == []


@pytest.mark.parametrize("role", ("neighbour", *STAFF))
def test_author_and_staff_still_see_them(app, world, role):
    client = _client(app, world.user(role))
    for status, idea in world.secrets.items():
        if status == "merged":
            continue
        assert secret_title(status) in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
        assert client.get(f"/ideas/{idea.id}/photo").status_code == 200


@pytest.mark.parametrize("role", OUTSIDERS)
def test_lists_search_home_and_transparency_never_show_them(app, world, role):
    client = _client(app, world.user(role))
    lat, lng = SPOT
    paths = [
        "/",
        "/ideas",
        "/ideas?q=secret",
        "/ideas?q=abri+gare&sort=recent",
        f"/ideas?sort=near&near={lat},{lng}",
        f"/ideas?district={world.district.slug}&category={world.category.slug}",
        "/transparency",
        "/map?q=secret",
        *(f"/ideas?status={status}&q=secret" for status in NON_PUBLIC),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert _leaks(response.get_data(as_text=True)) == [], path


@pytest.mark.parametrize("role", OUTSIDERS)
def test_map_geojson_never_returns_them(app, world, role):
    client = _client(app, world.user(role))
    secret_ids = {idea.id for idea in world.secrets.values()}
    for zoom in ("11", "17", "20"):
        for q in ("", "secret"):
            response = client.get(f"/api/v1/ideas.geojson?bbox=-7.8,33.45,-7.35,33.68&zoom={zoom}&q={q}")
            assert response.status_code == 200
            assert _leaks(response.get_data(as_text=True)) == []
            ids = {f["properties"].get("id") for f in response.json["features"]}
            assert ids & secret_ids == set()
    for status in NON_PUBLIC:
        response = client.get(f"/api/v1/ideas.geojson?bbox=-7.8,33.45,-7.35,33.68&zoom=17&status={status}")
        assert response.status_code == 403
        assert _leaks(response.get_data(as_text=True)) == []


def test_transparency_names_no_rejected_or_hidden_idea_nor_the_moderators_message(app, world):
    moderator = world.users["moderator"]
    rejected = make_idea(world.users["neighbour"], status="pending", title="Rejected by a decision")
    hidden = make_idea(world.users["neighbour"], title="Hidden by a decision")
    _db.session.commit()
    moderation.reject_idea(rejected, moderator, _version(rejected), "offensive", "Secret message one")
    moderation.hide_idea(hidden, moderator, _version(hidden), "offensive", "Secret message two")
    _db.session.commit()
    page = _client(app, None).get("/transparency").get_data(as_text=True)
    for text in ("Rejected by a decision", "Hidden by a decision", "Secret message"):
        assert text not in page


def _suggestion_control(world):
    """A published citizen's idea that must be suggested: the suggestions work at all."""
    lat, lng = SPOT
    make_idea(
        world.users["neighbour"],
        title="Abri vélo sécurisé gare visible",
        description="Un abri vélo sécurisé et couvert près de la gare, public.",
        category=world.category,
        lat=lat - 0.0003,
        lng=lng,
    )
    _db.session.commit()


@pytest.mark.parametrize("role", ("facilitator", "moderator"))
def test_link_suggestions_on_the_outcome_page_offer_only_published_ideas(app, world, role):
    _suggestion_control(world)
    page = _client(app, world.user(role)).get(f"/events/{world.event.slug}/outcomes/{world.outcome.id}")
    text = page.get_data(as_text=True)
    assert "Abri vélo sécurisé gare visible" in text
    assert _leaks(text) == []


def test_link_suggestions_in_the_import_preview_offer_only_published_ideas(app, world):
    _suggestion_control(world)
    client = _client(app, world.users["facilitator"])
    query = "&".join(f"{k}={v}" for k, v in world.upload_query.items())
    page = client.get(f"/events/{world.event.slug}/import/{world.upload_token}/preview?{query}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Abri vélo sécurisé gare visible" in text
    assert _leaks(text) == []


@pytest.mark.parametrize("status", NON_PUBLIC)
@pytest.mark.parametrize("form", ("manual", "suggestion"))
def test_linking_a_non_public_idea_to_an_outcome_is_refused_without_naming_it(app, world, status, form):
    idea = world.secrets[status]
    data = {"idea_id": str(idea.id), "relation": "builds_on"}
    if form == "suggestion":
        data["score"] = "0.9"
    client = _client(app, world.users["facilitator"])
    url = f"/events/{world.event.slug}/outcomes/{world.outcome.id}/links"
    response = client.post(url, data=data, follow_redirects=True)
    assert secret_title(status) not in response.get_data(as_text=True)
    _db.session.expire_all()
    link = select(Link).where(Link.outcome_id == world.outcome.id, Link.idea_id == idea.id)
    assert _db.session.scalar(link) is None


def test_facilitators_do_not_see_a_linked_idea_once_it_is_hidden(app, world):
    """A link made while the idea was published; then a moderator hides the idea."""
    moderation.hide_idea(world.published, world.users["moderator"], _version(world.published), "offensive")
    _db.session.commit()
    title = world.published.title
    outcome_url = f"/events/{world.event.slug}/outcomes/{world.outcome.id}"
    for role in ("anonymous", "citizen", "facilitator", "facilitator_b"):
        client = _client(app, world.user(role))
        assert title not in client.get(outcome_url).get_data(as_text=True), role
        assert title not in client.get(f"/events/{world.event.slug}").get_data(as_text=True), role
    # Staff find the hidden idea where they decide on it, not on the créathon pages.
    moderator = _client(app, world.users["moderator"])
    assert title not in moderator.get(outcome_url).get_data(as_text=True)
    assert title in moderator.get(f"/moderation/ideas/{world.published.id}").get_data(as_text=True)


def test_an_idea_page_does_not_name_an_unpublished_outcome_linked_to_it(app, world):
    event = creathon_services.create_event(
        world.users["facilitator"],
        "creathon-draft",
        facilitators=[world.users["facilitator"]],
        title="Créathon en attente",
        start_date=date(2020, 4, 20),
        publish_directly=False,
    )
    csv = OUTCOME_CSV.replace("Abri vélo sécurisé près de la gare".encode(), b"Outcome waiting for review")
    table = read_table(csv, "draft.csv")
    importer.import_rows(
        event,
        table.rows,
        guess_mapping(table.header),
        user=None,
        data=csv,
        area=service_area(current_app.config),
        options=first_category_options(),
    )
    draft = _db.session.scalar(select(Outcome).where(Outcome.event_id == event.id))
    linking.link_idea(draft, world.published, "same_as", world.users["facilitator"])
    _db.session.commit()
    assert draft.idea.status == "pending"
    for role in OUTSIDERS:
        page = _client(app, world.user(role)).get(f"/ideas/{world.published.id}").get_data(as_text=True)
        assert "Outcome waiting for review" not in page, role
        assert "Créathon en attente" not in page, role


def test_nobody_edits_corrects_or_withdraws_another_residents_idea(app, world):
    intruder = _client(app, world.users["citizen"])
    pending, published = world.secrets["pending"], world.original
    assert intruder.get(f"/ideas/{pending.id}/edit").status_code == 404
    assert intruder.post(f"/ideas/{pending.id}/edit", data={"title": "Taken over"}).status_code == 404
    assert intruder.get(f"/ideas/{published.id}/correction").status_code == 404
    assert intruder.post(f"/ideas/{published.id}/correction", data={"title": "Taken over"}).status_code == 404
    for idea in (pending, published):
        assert intruder.get(f"/ideas/{idea.id}/withdraw").status_code == 404
        assert intruder.post(f"/ideas/{idea.id}/withdraw").status_code == 404
    _db.session.expire_all()
    assert (pending.title, pending.status) == (secret_title("pending"), "pending")
    assert published.status == "published"
    assert _db.session.scalar(select(IdeaEdit).where(IdeaEdit.idea_id == published.id)) is None


def test_nobody_reads_or_marks_another_persons_notifications(app, world):
    neighbours = _db.session.scalars(
        select(Notification).where(Notification.user_id == world.users["neighbour"].id)
    ).all()
    client = _client(app, world.users["citizen"])
    page = client.get("/notifications").get_data(as_text=True)
    assert _leaks(page) == []
    client.post("/notifications/read", data={"ids": [str(n.id) for n in neighbours]})
    _db.session.expire_all()
    assert all(not n.is_read for n in neighbours)


def test_another_facilitator_cannot_fetch_an_events_import_files(app, world):
    other = _client(app, world.users["facilitator_b"])
    record = world.import_record
    assert other.get(f"/events/{world.event.slug}/imports/{record.id}/file").status_code == 403
    # Through their own event, the record of another event is not found either.
    assert other.get(f"/events/{world.event_b.slug}/imports/{record.id}/file").status_code == 404
    assert other.get(f"/events/{world.event.slug}/imports").status_code == 403


def test_another_facilitator_cannot_open_or_commit_an_upload_waiting_for_its_columns(app, world):
    other = _client(app, world.users["facilitator_b"])
    token, slug_b = world.upload_token, world.event_b.slug
    query = "&".join(f"{k}={v}" for k, v in world.upload_query.items())
    for path in (
        f"/events/{slug_b}/import/{token}",
        f"/events/{slug_b}/import/{token}/preview?{query}",
        f"/events/{slug_b}/import/{token}/errors.csv?{query}",
    ):
        response = other.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].endswith(f"/events/{slug_b}/import")
    committed = other.post(f"/events/{slug_b}/import/{token}/preview", data=world.upload_query)
    assert committed.status_code == 302
    _db.session.expire_all()
    assert _db.session.scalar(select(Outcome).where(Outcome.event_id == world.event_b.id)) is None


def test_another_facilitator_cannot_cancel_an_upload_waiting_for_its_columns(app, world):
    other = _client(app, world.users["facilitator_b"])
    other.post(f"/events/{world.event_b.slug}/import/{world.upload_token}/cancel")
    owner = _client(app, world.users["facilitator"])
    assert owner.get(f"/events/{world.event.slug}/import/{world.upload_token}").status_code == 200


def test_a_photo_only_its_author_and_staff_may_see_is_never_stored_by_shared_caches(app, world):
    author = _client(app, world.users["citizen"])
    photo = author.get(f"/ideas/{world.pending.id}/photo")
    assert photo.status_code == 200
    assert not photo.cache_control.public
    assert photo.cache_control.private or photo.cache_control.no_store
    staff = _client(app, world.users["moderator"]).get(f"/moderation/ideas/{world.pending.id}/photo")
    assert not staff.cache_control.public


def test_unverified_accounts_cannot_report_so_cannot_hide_an_idea(app, world):
    idea = world.original
    for _ in range(app.config["REPORT_HIDE_THRESHOLD"]):
        throwaway = make_user(verified=False)
        _db.session.commit()
        response = _client(app, throwaway).post(
            f"/ideas/{idea.id}/report", data={"reason": "spam", "target": "idea"}
        )
        assert response.status_code == 403
    _db.session.expire_all()
    assert _db.session.scalar(select(Report).where(Report.idea_id == idea.id)) is None
    assert _db.session.get(Idea, idea.id).status == "published"
