"""The city's answer: staff set it with an explanation, the idea page shows its timeline."""

import pytest
from flask import render_template_string

from app.extensions import db
from app.moderation.models import PublicStatusEntry
from tests.factories import make_idea, make_user
from tests.moderation.helpers import support


def test_moderator_sets_public_status_and_author_and_supporters_are_told(client, auth, outbox):
    author, fan = make_user(language="ar"), make_user(language="en")
    idea = make_idea(author=author, title="Tram stop shelter")
    support(idea, fan)
    db.session.commit()
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/ideas/{idea.id}/public-status",
        data={"status": "planned", "explanation_fr": "Budget voted for 2027."},
    )
    assert response.status_code == 302
    db.session.refresh(idea)
    assert idea.public_status == "planned"
    bodies = {m.to[0]: m.body for m in outbox}
    assert "مبرمجة" in bodies[author.email] and "Budget voted for 2027." in bodies[author.email]
    assert "The city's answer to an idea you support, “Tram stop shelter”: Planned." in bodies[fan.email]


def test_public_status_needs_an_explanation_and_a_known_status(client, auth):
    idea = make_idea()
    db.session.commit()
    auth.login(role="admin")
    assert (
        client.post(
            f"/moderation/ideas/{idea.id}/public-status", data={"status": "planned", "explanation_fr": " "}
        ).status_code
        == 422
    )
    assert (
        client.post(
            f"/moderation/ideas/{idea.id}/public-status", data={"status": "maybe", "explanation_fr": "x"}
        ).status_code
        == 422
    )
    assert db.session.query(PublicStatusEntry).count() == 0


@pytest.mark.parametrize("role", ["citizen", "facilitator"])
def test_only_staff_set_the_public_status(client, auth, role):
    idea = make_idea()
    db.session.commit()
    auth.login(role=role)
    assert (
        client.post(
            f"/moderation/ideas/{idea.id}/public-status", data={"status": "done", "explanation_fr": "Done."}
        ).status_code
        == 403
    )


def test_partial_shows_the_current_status_and_an_ordered_timeline_to_visitors(app, client, auth):
    moderator = make_user(role="moderator")
    idea = make_idea()
    db.session.commit()
    auth.login_as(moderator)
    for status, text in (("under_study", "Engineers visit in May."), ("accepted", "The works are funded.")):
        client.post(
            f"/moderation/ideas/{idea.id}/public-status", data={"status": status, "explanation_fr": text}
        )
    db.session.refresh(idea)
    with app.test_request_context("/?lang=en"):
        html = render_template_string('{{ render_slot("idea_detail.answers", idea=idea) }}', idea=idea)
    assert "<ol" in html and "Accepted" in html and "Under study" in html
    assert html.index("The works are funded.") < html.index("Engineers visit in May.")
    assert "Give the city's answer" not in html
