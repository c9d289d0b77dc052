"""Créathon pages name only published citizens' ideas: facilitators cannot read others by
linking their numbers, and an idea hidden after it was linked shows as unavailable."""

import pytest

from app.creathon import linking
from app.creathon.models import Link, Outcome
from app.ideas.models import Idea
from tests.factories import make_idea

UNAVAILABLE = "an idea that is not available"
REFUSAL = "No published citizen&#39;s idea has this number."


def _outcome(db, event, category):
    idea = Idea(
        title="Abri de bus ombragé",
        description="Un abri",
        category=category,
        lat=33.5731,
        lng=-7.5898,
        source="creathon",
        status="published",
    )
    outcome = Outcome(event=event, idea=idea, match_key="t:abri|", team="Équipe A")
    db.session.add(outcome)
    db.session.flush()
    return outcome


def _link_count(db):
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count(Link.id)))


@pytest.mark.parametrize("status", ["pending", "rejected", "changes_requested", "hidden", "withdrawn"])
def test_facilitator_cannot_link_an_idea_that_is_not_published_nor_read_its_title(
    client, auth, db, event, category, status
):
    outcome = _outcome(db, event, category)
    secret = make_idea(title="Secret du quartier", category=category, status=status)
    db.session.commit()
    auth.login(role="facilitator")
    url = f"/events/creathon-test/outcomes/{outcome.id}"
    unknown = client.post(
        f"{url}/links", data={"idea_id": "999999", "relation": "answers"}, follow_redirects=True
    )
    refused = client.post(
        f"{url}/links", data={"idea_id": str(secret.id), "relation": "answers"}, follow_redirects=True
    )
    page = refused.get_data(as_text=True)
    assert REFUSAL in page and REFUSAL in unknown.get_data(as_text=True)
    assert "Secret du quartier" not in page
    assert _link_count(db) == 0


def test_dismissing_an_idea_that_is_not_published_is_refused(client, auth, db, event, category):
    outcome = _outcome(db, event, category)
    pending = make_idea(title="Secret du quartier", category=category, status="pending")
    db.session.commit()
    auth.login(role="facilitator")
    url = f"/events/creathon-test/outcomes/{outcome.id}/dismissals"
    assert client.post(url, data={"idea_id": str(pending.id)}).status_code == 400
    assert _link_count(db) == 0


def test_the_linking_service_refuses_ideas_that_are_not_published(db, event, category):
    outcome = _outcome(db, event, category)
    for status in ("pending", "rejected", "hidden"):
        idea = make_idea(category=category, status=status)
        with pytest.raises(linking.LinkError):
            linking.link_idea(outcome, idea, "answers", None)
        with pytest.raises(linking.LinkError):
            linking.dismiss_suggestion(outcome, idea, None)
    assert linking.linkable_idea(idea.id) is None


@pytest.mark.parametrize("status", ["hidden", "withdrawn"])
def test_an_idea_hidden_after_it_was_linked_shows_as_unavailable_everywhere(
    client, auth, db, event, category, status
):
    outcome = _outcome(db, event, category)
    shown = make_idea(title="Bancs à l'ombre", category=category, support_count=4)
    later_hidden = make_idea(title="Secret du quartier", category=category, support_count=9)
    db.session.commit()
    auth.login(role="facilitator")
    url = f"/events/creathon-test/outcomes/{outcome.id}"
    for idea in (shown, later_hidden):
        client.post(f"{url}/links", data={"idea_id": str(idea.id), "relation": "builds_on"})
    assert _link_count(db) == 2
    db.session.get(Idea, later_hidden.id).status = status
    db.session.commit()
    for role in (None, "facilitator", "moderator"):
        if role is None:
            auth.logout()
        else:
            auth.login(role=role)
        for page_url in (url, "/events/creathon-test"):
            page = client.get(f"{page_url}?lang=en").get_data(as_text=True)
            assert "Bancs à l" in page and "4 supports" in page
            assert "Secret du quartier" not in page and "9 supports" not in page
            assert UNAVAILABLE in page
            assert f"/ideas/{later_hidden.id}" not in page


def test_the_linked_flash_names_a_published_idea(client, auth, db, event, category):
    outcome = _outcome(db, event, category)
    idea = make_idea(title="Bancs à l'ombre", category=category)
    db.session.commit()
    auth.login(role="facilitator")
    response = client.post(
        f"/events/creathon-test/outcomes/{outcome.id}/links",
        data={"idea_id": str(idea.id), "relation": "same_as"},
        follow_redirects=True,
    )
    assert "is linked to this outcome" in response.get_data(as_text=True)
    assert _link_count(db) == 1


def test_an_idea_number_beyond_the_database_range_is_refused(client, auth, db, event, category):
    outcome = _outcome(db, event, category)
    db.session.commit()
    auth.login(role="facilitator")
    response = client.post(
        f"/events/creathon-test/outcomes/{outcome.id}/links",
        data={"idea_id": "99999999999", "relation": "same_as"},
        follow_redirects=True,
    )
    assert REFUSAL in response.get_data(as_text=True)
