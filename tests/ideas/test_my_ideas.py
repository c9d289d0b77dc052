"""My ideas: authors see their ideas, edit them while pending, and may withdraw them."""

from app.ideas.models import Idea
from tests.factories import make_category, make_idea, make_user
from tests.ideas.helpers import proposal


def test_my_ideas_lists_only_my_ideas_with_their_status(client, db, auth):
    me = make_user()
    make_idea(author=me, title="Mine pending", status="pending")
    make_idea(author=me, title="Mine rejected", status="rejected")
    make_idea(title="Someone else's")
    db.session.commit()
    auth.login_as(me)
    page = client.get("/ideas/mine?lang=en").get_data(as_text=True)
    assert "Mine pending" in page and "Mine rejected" in page and "Someone else" not in page
    assert "Awaiting moderation" in page and "Rejected" in page


def test_author_edits_a_pending_idea(client, db, auth):
    me = make_user()
    category = make_category()
    idea = make_idea(author=me, status="pending", category=category)
    db.session.commit()
    auth.login_as(me)
    form = client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    assert 'value="33.573100"' in form
    response = client.post(f"/ideas/{idea.id}/edit", data=proposal(category, title="Un abri ombragé"))
    assert response.status_code == 302
    db.session.expire_all()
    idea = db.session.get(Idea, idea.id)
    assert idea.title == "Un abri ombragé" and idea.status == "pending"


def test_resubmitting_after_changes_requested_puts_it_back_to_pending(client, db, auth):
    me = make_user()
    category = make_category()
    idea = make_idea(author=me, status="changes_requested", category=category)
    db.session.commit()
    auth.login_as(me)
    assert client.post(f"/ideas/{idea.id}/edit", data=proposal(category)).status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == "pending"


def test_published_ideas_can_no_longer_be_edited(client, db, auth):
    me = make_user()
    category = make_category()
    idea = make_idea(author=me, status="published", category=category, title="Original")
    db.session.commit()
    auth.login_as(me)
    response = client.post(f"/ideas/{idea.id}/edit", data=proposal(category, title="Changed after"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).title == "Original"


def test_only_the_author_can_edit(client, db, auth):
    category = make_category()
    idea = make_idea(status="pending", category=category, title="Original")
    db.session.commit()
    auth.login()
    assert client.get(f"/ideas/{idea.id}/edit").status_code == 404
    assert client.post(f"/ideas/{idea.id}/edit", data=proposal(category, title="Hijacked")).status_code == 404
    auth.login(role="admin")
    assert client.post(f"/ideas/{idea.id}/edit", data=proposal(category, title="Hijacked")).status_code == 404
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).title == "Original"


def test_edit_errors_change_nothing(client, db, auth):
    me = make_user()
    category = make_category()
    idea = make_idea(author=me, status="pending", category=category, title="Original")
    db.session.commit()
    auth.login_as(me)
    response = client.post(f"/ideas/{idea.id}/edit", data=proposal(category, title="Nouveau", lat="40"))
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).title == "Original"


def test_author_withdraws_an_idea_after_confirming(client, db, auth):
    me = make_user()
    idea = make_idea(author=me, status="published", title="Going away")
    db.session.commit()
    auth.login_as(me)
    assert "Withdraw the idea" in client.get(f"/ideas/{idea.id}/withdraw?lang=en").get_data(as_text=True)
    assert client.post(f"/ideas/{idea.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == "withdrawn"
    auth.logout()
    assert client.get(f"/ideas/{idea.id}").status_code == 404


def test_others_cannot_withdraw_and_rejected_ideas_stay_rejected(client, db, auth):
    me = make_user()
    theirs = make_idea(status="published")
    rejected = make_idea(author=me, status="rejected")
    db.session.commit()
    auth.login_as(me)
    assert client.post(f"/ideas/{theirs.id}/withdraw").status_code == 404
    client.post(f"/ideas/{rejected.id}/withdraw")
    db.session.expire_all()
    assert db.session.get(Idea, theirs.id).status == "published"
    assert db.session.get(Idea, rejected.id).status == "rejected"
