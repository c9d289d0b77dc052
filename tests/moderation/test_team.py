"""A moderation team's tools: claiming and assigning items, private notes, more bulk actions."""

import os
import threading

import pytest

from app.extensions import db
from app.moderation import team
from app.moderation.models import Claim, ModerationAction, Note, Report
from tests.factories import make_category, make_idea, make_user
from tests.moderation.helpers import version


def test_a_moderator_claims_an_item_and_finds_it_under_my_items(client, auth):
    mine, free = (
        make_idea(status="pending", title="Un banc"),
        make_idea(status="pending", title="Une fontaine"),
    )
    db.session.commit()
    moderator = auth.login(role="moderator", name="Karim")
    response = client.post(
        f"/moderation/ideas/{mine.id}/claim?lang=en",
        data={"next": "/moderation", "anchor": f"item-{mine.id}"},
    )
    assert response.headers["Location"].endswith(f"#item-{mine.id}")
    assert db.session.get(Claim, mine.id).user_id == moderator.id
    page = client.get("/moderation?assigned=mine&lang=en").get_data(as_text=True)
    assert f'id="item-{mine.id}"' in page and f'id="item-{free.id}"' not in page and "Held by Karim" in page
    page = client.get("/moderation?assigned=unassigned").get_data(as_text=True)
    assert f'id="item-{mine.id}"' not in page and f'id="item-{free.id}"' in page
    client.post(f"/moderation/ideas/{mine.id}/release")
    assert db.session.get(Claim, mine.id) is None


def test_an_item_held_by_a_colleague_is_taken_over_only_when_asked(client, auth):
    idea = make_idea(status="pending", title="Un banc")
    colleague = make_user(role="moderator", name="Amal")
    team.claim_item(idea, colleague)
    db.session.commit()
    me = auth.login(role="moderator")
    page = client.post(f"/moderation/ideas/{idea.id}/claim?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Amal already took this item" in page
    assert db.session.get(Claim, idea.id).user_id == colleague.id
    client.post(f"/moderation/ideas/{idea.id}/claim", data={"take_over": "y"})
    db.session.expire_all()
    assert db.session.get(Claim, idea.id).user_id == me.id


def test_items_are_assigned_to_moderators_only(client, auth):
    idea = make_idea(status="pending")
    colleague, citizen = make_user(role="moderator", name="Amal"), make_user()
    db.session.commit()
    auth.login(role="moderator")
    client.post(f"/moderation/ideas/{idea.id}/claim", data={"assignee": str(colleague.id)})
    claim = db.session.get(Claim, idea.id)
    assert claim.user_id == colleague.id and claim.assigned_by_id is not None
    page = client.post(
        f"/moderation/ideas/{idea.id}/claim?lang=en",
        data={"assignee": str(citizen.id), "take_over": "y"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Items can only be given to a moderator." in page
    page = client.post(
        f"/moderation/ideas/{idea.id}/claim?lang=en", data={"assignee": "9999"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Choose a moderator from the list." in page
    db.session.expire_all()
    assert db.session.get(Claim, idea.id).user_id == colleague.id


@pytest.mark.committing
@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL row locks")
def test_two_moderators_claiming_at_once_one_wins_the_other_is_told(app):
    from app.ideas.models import Idea

    idea = make_idea(status="pending")
    first, second = make_user(role="moderator"), make_user(role="moderator")
    db.session.commit()
    barrier, outcomes = threading.Barrier(2), []

    def claim(user_id):
        with app.app_context():
            try:
                barrier.wait()
                team.claim_item(db.session.get(Idea, idea.id), db.session.get(type(first), user_id))
                db.session.commit()
                outcomes.append("won")
            except team.ClaimedByAnother:
                db.session.rollback()
                outcomes.append("told")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=claim, args=(u.id,)) for u in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["told", "won"]
    assert db.session.query(Claim).count() == 1


def test_private_notes_are_for_moderators_only(client, auth):
    author = make_user()
    idea = make_idea(author=author, status="pending", title="Un banc")
    db.session.commit()
    auth.login(role="moderator", name="Karim")
    page = client.post(
        f"/moderation/ideas/{idea.id}/notes?lang=en", data={"body": "  "}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Write the note first." in page and db.session.query(Note).count() == 0
    client.post(f"/moderation/ideas/{idea.id}/notes", data={"body": "Voir avec la voirie <b>demain</b>"})
    page = client.get(f"/moderation/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Voir avec la voirie &lt;b&gt;demain&lt;/b&gt;" in page and "Karim" in page
    auth.login_as(author)
    assert "Voir avec la voirie" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert client.post(f"/moderation/ideas/{idea.id}/notes", data={"body": "x"}).status_code == 403


def test_bulk_hides_dismisses_reports_and_changes_category_through_their_services(client, auth):
    published, pending = make_idea(title="Affiche"), make_idea(status="pending", title="Un banc")
    reported = make_idea(title="Signalée")
    db.session.add(Report(idea_id=reported.id, reporter_id=make_user().id, reason="spam"))
    target = make_category(fr="Vélo")
    db.session.commit()
    auth.login(role="moderator")

    def bulk(verb, *ideas, **fields):
        data = {"verb": verb, "items": [f"{i.id}@{version(i)}" for i in ideas], **fields}
        return client.post("/moderation/bulk?lang=en", data=data, follow_redirects=True).get_data(
            as_text=True
        )

    page = bulk("hide", published, pending, hide_reason="spam")
    assert "“Un banc” (Awaiting moderation): only a published idea can be hidden" in page
    db.session.refresh(published)
    assert published.status == "hidden"
    page = bulk("dismiss_reports", reported, pending)
    assert "“Un banc” has no open reports" in page
    db.session.refresh(reported)
    assert reported.open_reports == 0 and db.session.query(Report).one().status == "dismissed"
    assert "Choose the new category." in bulk("category", pending, category="")
    bulk("category", pending, reported, category=str(target.id))
    db.session.refresh(pending)
    db.session.refresh(reported)
    assert pending.category_id == reported.category_id == target.id
    logged = [a.action for a in db.session.query(ModerationAction).order_by(ModerationAction.id)]
    assert logged == ["hide", "dismiss_reports", "correct", "correct"]
