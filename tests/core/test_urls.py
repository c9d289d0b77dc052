"""Where a form may send the user back to: only a path on this site."""

import pytest

from app.core.urls import safe_next
from tests.factories import make_idea


@pytest.mark.parametrize("target", ["/ideas/3", "/moderation?type=new&page=2"])
def test_a_path_on_this_site_is_kept(target):
    assert safe_next(target, "/") == target


@pytest.mark.parametrize(
    "target", [None, "", "ideas", "//evil.example", "https://evil.example/", "/\\evil.example"]
)
def test_anything_else_gives_the_default(target):
    assert safe_next(target, "/home") == "/home"
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["https://evil.example/", "/\\evil.example", "//evil.example"])
def test_a_moderation_decision_never_sends_the_moderator_off_the_site(client, db, auth, target):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/ideas/{idea.id}/approve",
        data={"version": idea.updated_at.isoformat(), "next": target},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/moderation/ideas/{idea.id}")
    db.session.refresh(idea)
    assert idea.status == "published"
