"""Bad input to staff forms gets a clear message and changes nothing, never a server error."""

import pytest

from app.extensions import db
from app.moderation.models import ModerationAction
from tests.factories import make_idea


@pytest.mark.parametrize(
    ("verb", "data"),
    [
        ("merge", {"original": "abc"}),
        ("merge", {"original": "-3"}),
        ("correct", {"lat": "north", "lng": "-7.6"}),
        ("correct", {"lat": "33.6", "lng": ""}),
        ("correct", {"category": "999999"}),
        ("correct", {"district": "999999"}),
        ("hide", {"reason": "because"}),
        ("reject", {"reason": ""}),
    ],
)
def test_malformed_decisions_change_nothing(client, auth, verb, data):
    idea = make_idea(
        status="published" if verb in ("hide", "correct", "merge") else "pending", lat=33.5, lng=-7.6
    )
    db.session.commit()
    before = (idea.status, idea.category_id, idea.lat, idea.lng, idea.district_id)
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/ideas/{idea.id}/{verb}?lang=en",
        data={"version": idea.updated_at.isoformat(), **data},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert 'class="flash flash-error"' in response.get_data(as_text=True)
    db.session.expire_all()
    assert (idea.status, idea.category_id, idea.lat, idea.lng, idea.district_id) == before
    assert db.session.query(ModerationAction).count() == 0


def test_unknown_decisions_and_ideas_are_not_found(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    assert client.post(f"/moderation/ideas/{idea.id}/delete", data={}).status_code == 404
    assert client.post("/moderation/ideas/999999/approve", data={}).status_code == 404
    assert client.get("/moderation?page=-4&category=x&district=&age=99&type=nonsense").status_code == 200


def test_bulk_with_garbage_items_changes_nothing(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    for items in (["abc"], [f"{idea.id}@yesterday"], []):
        response = client.post(
            "/moderation/bulk", data={"verb": "approve", "items": items}, follow_redirects=True
        )
        assert response.status_code == 200
    client.post(
        "/moderation/bulk", data={"verb": "explode", "items": [f"{idea.id}@{idea.updated_at.isoformat()}"]}
    )
    db.session.refresh(idea)
    assert idea.status == "pending"
