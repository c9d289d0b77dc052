"""Posting, replying, stances, editing within the window, deleting, supporting comments."""

from datetime import timedelta

import pytest

from app.comments import queries, services
from app.comments.models import Comment
from app.core.time import utcnow
from tests.comments.helpers import post, reload
from tests.factories import make_idea, make_user


def test_resident_posts_a_comment_on_a_published_idea(client, auth, db):
    idea = make_idea()
    db.session.commit()
    auth.login()
    response = client.post(f"/ideas/{idea.id}/comments", data={"body": "Put the bench in the shade."})
    assert response.status_code == 302
    comment = db.session.scalars(db.select(Comment)).one()
    assert comment.body == "Put the bench in the shade."
    assert response.headers["Location"].endswith(f"#comment-{comment.id}")
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Put the bench in the shade." in page
    assert "Discussion: 1 comment" in page


def test_reply_to_a_reply_joins_the_same_thread(db):
    idea = make_idea()
    first = post(make_user(), idea)
    reply = post(make_user(), idea, "I agree.", parent=first)
    again = post(make_user(), idea, "Me too.", parent=reply)
    assert reply.parent_id == first.id and again.parent_id == first.id
    assert reload(first).reply_count == 2
    page = queries.thread_page(idea.id)
    assert [c.id for c in page.comments] == [first.id]
    assert [r.id for r in page.replies[first.id]] == [reply.id, again.id]


def test_stances_are_counted_and_shown_side_by_side(client, db):
    idea = make_idea()
    post(make_user(), idea, "Shade is needed here.", stance="for")
    post(make_user(), idea, "The pavement is too narrow.", stance="against")
    post(make_user(), idea, "Just asking about the budget.", stance="neutral")
    tally = queries.tally(idea.id)
    assert (tally.total, tally.for_count, tally.against_count, tally.neutral_count) == (3, 1, 1, 1)
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "For: 1 argument" in page and "Against: 1 argument" in page
    assert page.index("Shade is needed here.") < page.index("The pavement is too narrow.")


def test_argument_support_counts_take_each_languages_plural_forms(client, db):
    idea = make_idea()
    one = post(make_user(name="Salma"), idea, "De l'ombre, enfin.", stance="for")
    two = post(make_user(name="Karim"), idea, "Le trottoir est trop étroit.", stance="against")
    one.support_count, two.support_count = 1, 2
    db.session.commit()
    french = client.get(f"/ideas/{idea.id}?lang=fr").get_data(as_text=True)
    assert "Salma, 1 soutien</a>" in french and "Karim, 2 soutiens</a>" in french
    arabic = client.get(f"/ideas/{idea.id}?lang=ar").get_data(as_text=True)
    assert "Salma، دعم واحد</a>" in arabic and "Karim، دعمان</a>" in arabic
    english = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Salma, 1 support</a>" in english and "Karim, 2 supports</a>" in english


def test_unknown_stance_is_refused_and_nothing_is_saved(client, auth, db):
    idea = make_idea()
    db.session.commit()
    auth.login()
    response = client.post(
        f"/ideas/{idea.id}/comments",
        data={"body": "Hello there", "stance": "maybe"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0


def test_comment_on_an_unpublished_idea_is_refused_clearly(client, auth, db):
    idea = make_idea(status="hidden")
    db.session.commit()
    auth.login()
    response = client.post(
        f"/ideas/{idea.id}/comments?lang=en",
        data={"body": "Hello there"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 409
    assert "no longer published" in response.get_json()["message"]
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0


def test_empty_comment_gets_a_translated_error(client, auth, db):
    idea = make_idea()
    db.session.commit()
    auth.login()
    response = client.post(
        f"/ideas/{idea.id}/comments",
        data={"body": " "},
        headers={"Accept": "application/json", "Accept-Language": "fr"},
    )
    assert response.status_code == 422
    assert "caractères" in response.get_json()["message"]


def test_unverified_or_anonymous_residents_cannot_comment(client, auth, db):
    idea = make_idea()
    db.session.commit()
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "Hello"}).status_code == 302
    auth.login(verified=False)
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "Hello"}).status_code == 403


def test_json_posting_returns_the_rendered_comment(client, auth, db):
    idea = make_idea()
    db.session.commit()
    auth.login()
    response = client.post(
        f"/ideas/{idea.id}/comments?lang=en",
        data={"body": "In place <b>please</b>"},
        headers={"Accept": "application/json"},
    )
    data = response.get_json()
    assert response.status_code == 200
    assert data["message"] == "Your comment is published."
    assert "In place &lt;b&gt;please&lt;/b&gt;" in data["html"]


def test_author_edits_within_the_window_and_the_comment_shows_edited(client, auth, db):
    idea = make_idea()
    author = auth.login()
    comment = post(author, idea, "First words")
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Better words", "stance": "for"})
    assert response.status_code == 302
    comment = reload(comment)
    assert comment.body == "Better words" and comment.stance == "for" and comment.edited_at
    assert "edited" in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)


def test_edit_after_fifteen_minutes_is_refused(client, auth, db):
    idea = make_idea()
    author = auth.login()
    comment = post(author, idea, "First words")
    comment.created_at = utcnow() - timedelta(minutes=16)
    db.session.commit()
    client.post(f"/comments/{comment.id}/edit", data={"body": "Too late"})
    assert reload(comment).body == "First words"
    with pytest.raises(services.CommentRefused):
        services.edit_comment(author, reload(comment), "Too late", None, 15)


def test_someone_else_cannot_edit_or_delete(client, auth, db):
    idea = make_idea()
    comment = post(make_user(), idea, "Mine")
    auth.login()
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "Yours"}).status_code == 403
    assert client.post(f"/comments/{comment.id}/delete").status_code == 403
    assert reload(comment).body == "Mine"


def test_deleting_a_comment_without_replies_removes_it(client, auth, db):
    idea = make_idea()
    author = auth.login()
    comment = post(author, idea, "Oops")
    client.post(f"/comments/{comment.id}/delete")
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0
    assert queries.tally(idea.id).total == 0


def test_deleting_a_comment_with_replies_leaves_comment_deleted(client, auth, db):
    idea = make_idea()
    author = auth.login()
    comment = post(author, idea, "Something I regret")
    post(make_user(), idea, "An answer", parent=comment)
    client.post(f"/comments/{comment.id}/delete")
    kept = reload(comment)
    assert kept.status == "deleted" and kept.body == ""
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Comment deleted" in page and "Something I regret" not in page and "An answer" in page


def test_supporting_a_comment_counts_once_and_can_be_withdrawn(client, auth, db):
    idea = make_idea()
    comment = post(make_user(), idea)
    auth.login()
    client.post(f"/comments/{comment.id}/support")
    client.post(f"/comments/{comment.id}/support")
    assert reload(comment).support_count == 1
    client.post(f"/comments/{comment.id}/unsupport")
    assert reload(comment).support_count == 0


def test_comments_of_an_idea_no_longer_published_cannot_be_supported(client, auth, db):
    idea = make_idea()
    comment = post(make_user(), idea)
    idea.status = "hidden"
    db.session.commit()
    auth.login()
    response = client.post(f"/comments/{comment.id}/support?lang=en", follow_redirects=True)
    assert "This comment cannot be supported." in response.get_data(as_text=True)
    assert reload(comment).support_count == 0


def test_author_cannot_support_their_own_comment(db):
    author = make_user()
    comment = post(author, make_idea())
    with pytest.raises(services.CommentRefused):
        services.support_comment(author, comment)


def test_arabic_comment_gets_its_language_and_dir_auto(client, db):
    idea = make_idea()
    comment = post(make_user(), idea, "ضعوا المقعد في الظل من فضلكم")
    assert comment.language == "ar"
    page = client.get(f"/ideas/{idea.id}?lang=fr").get_data(as_text=True)
    assert 'class="comment-body" lang="ar" dir="auto"' in page


def test_staff_answer_as_the_city_is_marked(client, auth, db):
    idea = make_idea()
    comment = post(make_user(), idea, "When will it be done?")
    auth.login(role="moderator")
    client.post(
        f"/ideas/{idea.id}/comments",
        data={"body": "Work starts in March.", "parent_id": str(comment.id), "official": "y"},
    )
    official = db.session.scalars(db.select(Comment).where(Comment.is_official)).one()
    assert official.parent_id == comment.id
    assert "The city answers" in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)


def test_resident_cannot_answer_as_the_city(client, auth, db):
    idea = make_idea()
    db.session.commit()
    auth.login()
    client.post(f"/ideas/{idea.id}/comments", data={"body": "I am the city", "official": "y"})
    assert db.session.scalar(db.select(db.func.count(Comment.id))) == 0
