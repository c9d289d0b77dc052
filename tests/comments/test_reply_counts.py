"""The "3 replies" a comment shows counts only the replies every reader sees, on every path that
hides, restores or removes one, and `flask verify` finds and repairs a count that drifted."""

import re

from sqlalchemy import text

from app.comments import queries
from app.moderation import comment_decisions as decisions
from app.privacy.services import delete_account
from tests.comments.helpers import post, reload
from tests.factories import make_idea, make_user


def _thread(db, replies=3):
    idea = make_idea()
    parent = post(make_user(), idea, "Put the bench in the shade.")
    made = [post(make_user(), idea, f"Reply number {i}", parent=parent) for i in range(replies)]
    return idea, parent, made


def _shown_count(client, idea, parent):
    """The count printed above the parent's replies, and the replies listed under it."""
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    label = re.search(rf'data-reply-count-of="{parent.id}"( hidden)?>([^<]*)<', page)
    listed = re.search(rf'data-replies-of="{parent.id}"[^>]*>(.*?)</ol>', page, re.S)
    items = len(re.findall(r'<li class="comment', listed.group(1))) if listed else 0
    return ("" if label.group(1) else label.group(2)), items


def _moderate(client, auth, comment, verb, **data):
    """A moderator's decision; the client then reads pages as a visitor again."""
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/comments/{comment.id}/{verb}",
        data={"version": reload(comment).updated_at.isoformat(), **data},
    )
    auth.logout()
    return response


def test_the_count_residents_read_matches_the_replies_listed(client, db):
    idea, parent, _replies = _thread(db)
    assert reload(parent).reply_count == 3
    assert _shown_count(client, idea, parent) == ("3 replies", 3)


def test_a_reply_hidden_by_a_moderator_leaves_the_count_and_comes_back_when_restored(client, auth, db):
    idea, parent, replies = _thread(db)
    _moderate(client, auth, replies[0], "hide", reason="offensive")
    assert reload(replies[0]).status == "hidden"
    assert reload(parent).reply_count == 2
    assert _shown_count(client, idea, parent) == ("2 replies", 2)
    _moderate(client, auth, replies[0], "restore")
    assert reload(parent).reply_count == 3
    assert _shown_count(client, idea, parent) == ("3 replies", 3)


def test_a_reply_hidden_at_the_report_threshold_leaves_the_count_until_reports_are_dismissed(
    client, auth, db
):
    idea, parent, replies = _thread(db, replies=2)
    for _ in range(3):
        decisions.report_comment(reload(replies[1]), make_user(), "spam", threshold=3)
        db.session.commit()
    assert reload(replies[1]).status == "hidden"
    assert _shown_count(client, idea, parent) == ("1 reply", 1)
    _moderate(client, auth, replies[1], "dismiss-reports")
    assert reload(replies[1]).status == "published"
    assert _shown_count(client, idea, parent) == ("2 replies", 2)


def test_a_reply_deleted_by_its_author_leaves_the_count(client, auth, db):
    idea, parent, replies = _thread(db, replies=2)
    auth.login_as(replies[0].author)
    client.post(f"/comments/{replies[0].id}/delete")
    assert reload(replies[0]) is None
    assert _shown_count(client, idea, parent) == ("1 reply", 1)
    auth.login_as(replies[1].author)
    client.post(f"/comments/{replies[1].id}/delete")
    assert reload(parent).reply_count == 0
    assert _shown_count(client, idea, parent) == ("", 0)


def test_a_reply_waiting_for_a_moderator_is_counted_once_approved_and_never_if_rejected(client, auth, db):
    idea, parent, _replies = _thread(db, replies=1)
    waiting = post(make_user(), idea, "Shown after reading", parent=parent, premoderation=True)
    refused = post(make_user(), idea, "Never shown", parent=parent, premoderation=True)
    assert reload(parent).reply_count == 1
    assert _shown_count(client, idea, parent) == ("1 reply", 1)
    # Its author sees their waiting reply, under a count that does not include it.
    auth.login_as(waiting.author)
    assert _shown_count(client, idea, parent) == ("1 reply", 2)
    _moderate(client, auth, waiting, "approve")
    _moderate(client, auth, refused, "reject", reason="offensive")
    assert reload(parent).reply_count == 2
    assert _shown_count(client, idea, parent) == ("2 replies", 2)


def test_a_reply_waiting_under_a_comment_without_replies_is_shown_to_its_author(client, auth, db):
    idea = make_idea()
    parent = post(make_user(), idea, "No answer yet")
    waiting = post(make_user(), idea, "My waiting answer", parent=parent, premoderation=True)
    auth.login_as(waiting.author)
    assert _shown_count(client, idea, parent) == ("", 1)
    auth.logout()
    assert _shown_count(client, idea, parent) == ("", 0)


def test_blocking_an_author_keeps_the_count_equal_to_the_replies_shown(client, auth, db):
    idea, parent, replies = _thread(db, replies=2)
    blocked = replies[0].author
    waiting = post(blocked, idea, "Waiting words", parent=parent, premoderation=True)
    auth.login(role="moderator")
    assert "Waiting words" in client.get("/moderation?type=comments&lang=en").get_data(as_text=True)
    client.post(f"/moderation/users/{blocked.id}/block", data={"reason": "spam"})
    db.session.refresh(blocked)
    assert blocked.is_blocked
    # Like their waiting ideas, the blocked author's waiting comment is hidden and leaves the queue;
    # what they had published stays, and so does the count.
    assert reload(waiting).status == "hidden"
    assert "Waiting words" not in client.get("/moderation?type=comments&lang=en").get_data(as_text=True)
    auth.logout()
    assert _shown_count(client, idea, parent) == ("2 replies", 2)
    assert queries.reply_count_drift() == []


def test_erasing_an_account_takes_its_replies_out_of_the_count(client, db):
    idea, parent, replies = _thread(db)
    hidden = post(replies[1].author, idea, "Hidden words", parent=parent)
    decisions.hide_comment(reload(hidden), make_user(role="moderator"), reload(hidden).updated_at, "spam")
    db.session.commit()
    assert reload(parent).reply_count == 3
    delete_account(reload(replies[1]).author, keep_ideas=True)
    db.session.commit()
    assert reload(hidden) is None
    assert reload(parent).reply_count == 2
    assert _shown_count(client, idea, parent) == ("2 replies", 2)


def test_erasing_the_parents_author_keeps_the_placeholder_with_its_count(client, db):
    idea, parent, _replies = _thread(db, replies=2)
    delete_account(reload(parent).author, keep_ideas=True)
    db.session.commit()
    assert reload(parent).status == "deleted"
    assert _shown_count(client, idea, parent) == ("2 replies", 2)
    assert "Comment deleted" in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)


def test_a_comment_whose_only_reply_is_hidden_keeps_it_when_deleted_and_shows_it_once_restored(
    client, auth, db
):
    idea, parent, replies = _thread(db, replies=1)
    _moderate(client, auth, replies[0], "hide", reason="spam")
    auth.login_as(parent.author)
    client.post(f"/comments/{parent.id}/delete")
    # Nothing to read under it: the placeholder is not shown, but the hidden reply is kept.
    assert reload(parent).status == "deleted"
    assert "Comment deleted" not in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    _moderate(client, auth, replies[0], "restore")
    assert _shown_count(client, idea, parent) == ("1 reply", 1)
    assert "Comment deleted" in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)


def test_a_reply_posted_in_place_returns_the_new_count(client, auth, db):
    idea, parent, _replies = _thread(db, replies=1)
    auth.login()
    response = client.post(
        f"/ideas/{idea.id}/comments?lang=en",
        data={"body": "Agreed, in the shade.", "parent_id": str(parent.id)},
        headers={"Accept": "application/json"},
    )
    assert response.get_json()["replies"] == "2 replies"


def test_reply_counts_are_translated(client, db):
    idea, parent, _replies = _thread(db, replies=3)
    assert "3 réponses" in client.get(f"/ideas/{idea.id}?lang=fr").get_data(as_text=True)
    assert "3 ردود" in client.get(f"/ideas/{idea.id}?lang=ar").get_data(as_text=True)


def test_verify_finds_a_drifting_reply_count_and_repair_recounts_it(runner, db):
    _idea, parent, replies = _thread(db, replies=2)
    _idea, fine, _other = _thread(db, replies=1)
    db.session.execute(text("UPDATE comments SET reply_count = 5 WHERE id = :id"), {"id": parent.id})
    db.session.execute(text("UPDATE comments SET reply_count = 1 WHERE id = :id"), {"id": replies[0].id})
    db.session.commit()

    found = runner.invoke(args=["verify"])
    assert found.exit_code == 1
    assert f"comment {parent.id} (idea {parent.idea_id}): reply_count 5, published replies 2" in found.output
    assert (
        f"comment {replies[0].id} (idea {parent.idea_id}): reply_count 1, published replies 0" in found.output
    )
    assert f"comment {fine.id} " not in found.output

    repaired = runner.invoke(args=["verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "reply counts (comments.reply_count)" in repaired.output
    assert (reload(parent).reply_count, reload(replies[0]).reply_count) == (2, 0)
    assert runner.invoke(args=["verify"]).exit_code == 0


def test_a_moderator_reads_a_hidden_comment_in_its_thread_and_restores_it_there(client, auth, db):
    idea, parent, replies = _thread(db, replies=2)
    _moderate(client, auth, replies[0], "hide", reason="spam")
    assert "Reply number 0" not in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    auth.login(role="moderator")
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Reply number 0" in page and "Comment hidden by the moderators" in page
    assert f"/moderation/comments/{replies[0].id}/restore" in page
    # The count stays what residents read, whatever a moderator is shown.
    assert _shown_count(client, idea, parent) == ("1 reply", 2)
    response = client.post(
        f"/moderation/comments/{replies[0].id}/restore",
        data={"version": reload(replies[0]).updated_at.isoformat(), "next": f"/ideas/{idea.id}"},
    )
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}")
    assert reload(replies[0]).status == "published"
    auth.logout()
    assert _shown_count(client, idea, parent) == ("2 replies", 2)
