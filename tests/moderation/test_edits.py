"""Authors propose corrections to their published ideas; nothing is public until a moderator approves."""

from app.extensions import db
from app.moderation import edits
from app.moderation.models import IdeaEdit, ModerationAction
from app.moderation.services import AlreadyDecided
from app.notifications.models import Notification
from tests.factories import make_category, make_idea, make_user

LONG_TEXT = "Benches and shade trees along the whole boulevard, near the tram stop."


def _propose(client, idea, query="", **data):
    fields = {"title": idea.title, "description": idea.description, "category": str(idea.category_id)}
    return client.post(f"/ideas/{idea.id}/correction{query}", data={**fields, **data})


def _queue(client, query=""):
    return client.get(f"/moderation?lang=en{query}").get_data(as_text=True)


def _proposed(client, auth, author, idea, **data):
    auth.login_as(author)
    response = _propose(client, idea, **data)
    assert response.status_code == 302
    return db.session.query(IdeaEdit).filter_by(idea_id=idea.id).one()


def test_author_proposes_a_correction_and_the_public_idea_does_not_change(client, auth):
    author = make_user()
    idea = make_idea(author=author, title="Shade on Zerktouni")
    db.session.commit()
    auth.login_as(author)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/ideas/{idea.id}/correction"' in page
    edit = _proposed(client, auth, author, idea, title="Zerktouni needs more shade", description=LONG_TEXT)
    assert edit.status == "pending" and edit.title == "Zerktouni needs more shade"
    db.session.refresh(idea)
    assert idea.title == "Shade on Zerktouni"
    auth.logout()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Zerktouni needs more shade" not in page and "tram stop" not in page


def test_a_second_proposal_replaces_the_one_waiting(client, auth):
    author = make_user()
    idea = make_idea(author=author, title="Shade on Zerktouni")
    db.session.commit()
    _proposed(client, auth, author, idea, title="First try at a better title")
    edit = _proposed(client, auth, author, idea, title="Second try at a better title")
    assert edit.title == "Second try at a better title"


def test_only_the_author_of_a_published_idea_can_propose_and_bad_input_changes_nothing(client, auth):
    author = make_user()
    idea = make_idea(author=author)
    pending = make_idea(author=author, status="pending")
    db.session.commit()
    auth.login(role="citizen")
    assert _propose(client, idea, title="Someone else's title").status_code == 404
    auth.login_as(author)
    assert _propose(client, pending, title="A title for a pending idea").status_code == 404
    response = _propose(client, idea, "?lang=en", title="abc")
    assert response.status_code == 400 and "Use between 5 and 160 characters." in response.get_data(
        as_text=True
    )
    response = _propose(client, idea, "?lang=en")
    assert response.status_code == 400
    assert "the correction is the same as the published idea" in response.get_data(as_text=True)
    response = _propose(client, idea, category="999999")
    assert response.status_code == 400
    assert db.session.query(IdeaEdit).count() == 0


def test_queue_shows_the_correction_with_before_and_after(client, auth):
    author = make_user(name="Salma")
    idea = make_idea(author=author, title="Shade on Zerktouni")
    new_category = make_category()
    db.session.commit()
    edit = _proposed(
        client, auth, author, idea, title="Shade and benches on Zerktouni", category=str(new_category.id)
    )
    auth.login(role="moderator")
    page = _queue(client)
    item = page[page.index(f'id="edit-{edit.id}"') :]
    assert f"Correction to idea #{idea.id}" in item and "Salma" in item
    assert (
        "Published now" in item and "Shade on Zerktouni" in item and "Shade and benches on Zerktouni" in item
    )
    assert new_category.name_en in item and "Description</th>" not in item  # only what changes
    assert f'action="/moderation/edits/{edit.id}/approve"' in item
    assert "Waiting for a decision: 1" in page
    assert f'id="edit-{edit.id}"' in _queue(client, "&type=edit")
    assert f'id="edit-{edit.id}"' not in _queue(client, "&type=new")


def test_approving_applies_the_correction_logs_before_and_after_and_tells_the_author(client, auth, outbox):
    author = make_user(language="en")
    idea = make_idea(author=author, title="Shade on Zerktouni")
    db.session.commit()
    edit = _proposed(
        client, auth, author, idea, title="Shade and benches on Zerktouni", description=LONG_TEXT
    )
    auth.login(role="moderator")
    response = client.post(f"/moderation/edits/{edit.id}/approve")
    assert response.status_code == 302
    db.session.expire_all()
    assert idea.title == "Shade and benches on Zerktouni" and idea.description == LONG_TEXT
    assert edit.status == "approved"
    action = db.session.query(ModerationAction).filter_by(idea_id=idea.id).one()
    assert action.action == "approve_edit"
    assert action.before["title"] == "Shade on Zerktouni" and action.after["title"] == idea.title
    assert set(action.after) == {"title", "description"}
    assert (
        "Your correction to the idea “\u2068Shade and benches on Zerktouni\u2069” has been approved"
        in outbox[0].body
    )
    assert db.session.query(Notification).filter_by(user_id=author.id, kind="edit_approved").count() == 1
    assert f'id="edit-{edit.id}"' not in _queue(client)


def test_rejecting_keeps_the_idea_and_the_reason_reaches_the_author_in_arabic(client, auth, outbox):
    author = make_user(language="ar")
    idea = make_idea(author=author, title="حديقة الجامعة العربية")
    db.session.commit()
    edit = _proposed(client, auth, author, idea, title="حديقة الجامعة العربية الكبرى")
    auth.login(role="moderator")
    client.post(f"/moderation/edits/{edit.id}/reject", data={"reason": "not-a-reason"})
    db.session.refresh(edit)
    assert edit.status == "pending" and outbox == []
    client.post(
        f"/moderation/edits/{edit.id}/reject", data={"reason": "offensive", "message": "عبارة غير لائقة"}
    )
    db.session.expire_all()
    assert edit.status == "rejected" and edit.reason == "offensive"
    assert idea.title == "حديقة الجامعة العربية"
    body = outbox[0].body
    assert "لم يُقبل تصحيحك" in body and "عبارة غير لائقة" in body
    action = db.session.query(ModerationAction).filter_by(idea_id=idea.id).one()
    assert action.action == "reject_edit" and action.message == "عبارة غير لائقة"


def test_rejection_reason_reaches_a_french_author(client, auth, outbox):
    author = make_user(language="fr")
    idea = make_idea(author=author, title="Un banc")
    db.session.commit()
    edit = _proposed(client, auth, author, idea, title="Un banc et un arbre")
    auth.login(role="moderator")
    client.post(f"/moderation/edits/{edit.id}/reject", data={"reason": "off_topic"})
    assert "n’a pas été acceptée" in outbox[0].body and "Motif" in outbox[0].body


def test_a_correction_is_never_decided_twice(app, client, auth):
    author, first, second = (
        make_user(),
        make_user(role="moderator", name="Nadia"),
        make_user(role="moderator"),
    )
    idea = make_idea(author=author, title="Shade on Zerktouni")
    category = idea.category
    edit = edits.propose_edit(idea, author, "Shade and benches on Zerktouni", idea.description, category)
    edits.approve_edit(edit, first)
    with app.test_request_context("/?lang=en"):
        try:
            edits.reject_edit(edit, second, "off_topic")
        except AlreadyDecided as error:
            assert "already decided by Nadia" in str(error)
        else:
            raise AssertionError("the second decision went through")
    assert edit.status == "approved"
    assert [a.action for a in db.session.query(ModerationAction).filter_by(idea_id=idea.id)] == [
        "approve_edit"
    ]


def test_citizens_cannot_decide_corrections(client, auth):
    author = make_user()
    idea = make_idea(author=author)
    db.session.commit()
    edit = _proposed(client, auth, author, idea, title="A better title for it")
    auth.login(role="citizen")
    assert client.post(f"/moderation/edits/{edit.id}/approve").status_code == 403
    db.session.refresh(edit)
    assert edit.status == "pending"


def test_an_approved_category_change_keeps_the_map_aggregates_exact(app):
    from app.mapindex.aggregates import verify_cells

    author, moderator = make_user(), make_user(role="moderator")
    idea = make_idea(author=author, lat=33.59, lng=-7.62)
    edit = edits.propose_edit(idea, author, idea.title, idea.description, make_category())
    edits.approve_edit(edit, moderator)
    db.session.flush()
    assert idea.category_id == edit.category_id
    assert verify_cells(db.session.connection()) == []
