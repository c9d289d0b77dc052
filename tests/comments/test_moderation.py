"""Reports on comments, auto-hide, and the moderators' decisions in the shared queue."""

from app.comments import queries
from app.moderation import comment_decisions as decisions
from app.moderation.models import ModerationAction
from app.notifications.models import Notification
from tests.comments.helpers import post, reload
from tests.factories import make_idea, make_user


def _report(client, auth, comment, reason="offensive"):
    auth.login()
    return client.post(f"/comments/{comment.id}/report", data={"reason": reason})


def test_reported_comment_is_hidden_at_the_threshold_and_its_author_is_told(client, auth, db):
    idea = make_idea()
    author = make_user(language="ar")
    comment = post(author, idea, "Rude words")
    for _ in range(3):
        _report(client, auth, comment)
    comment = reload(comment)
    assert comment.status == "hidden" and comment.open_reports == 3
    assert queries.tally(idea.id).total == 0
    notice = db.session.scalars(db.select(Notification).where(Notification.user_id == author.id)).one()
    assert notice.kind == "comment_auto_hidden"
    assert db.session.scalars(db.select(ModerationAction.action)).all() == ["auto_hide_comment"]
    assert "Rude words" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_a_resident_reports_a_comment_once(client, auth, db):
    comment = post(make_user(), make_idea())
    reporter = auth.login()
    client.post(f"/comments/{comment.id}/report", data={"reason": "spam"})
    client.post(f"/comments/{comment.id}/report", data={"reason": "spam"})
    assert reload(comment).open_reports == 1
    assert reporter.id


def test_report_without_a_reason_is_refused(client, auth, db):
    comment = post(make_user(), make_idea())
    auth.login()
    response = client.post(f"/comments/{comment.id}/report?lang=en", data={"reason": "bogus"})
    assert response.status_code == 422
    assert reload(comment).open_reports == 0


def test_reported_comments_appear_in_the_queue_under_the_comments_filter(client, auth, db):
    comment = post(make_user(), make_idea(), "Questionable remark")
    decisions.report_comment(comment, make_user(), "spam")
    db.session.commit()
    auth.login(role="moderator")
    page = client.get("/moderation?type=comments&lang=en").get_data(as_text=True)
    assert "Questionable remark" in page and "Reported comment" in page
    assert "Questionable remark" in client.get("/moderation?lang=en").get_data(as_text=True)
    assert "Questionable remark" not in client.get("/moderation?type=edit&lang=en").get_data(as_text=True)


def test_moderator_hides_a_comment_with_a_reason_and_it_is_logged(client, auth, db):
    author = make_user(language="fr")
    comment = post(author, make_idea(), "Spammy link")
    decisions.report_comment(comment, make_user(), "spam")
    db.session.commit()
    version = reload(comment).updated_at.isoformat()
    moderator = auth.login(role="moderator")
    client.post(f"/moderation/comments/{comment.id}/hide", data={"version": version, "reason": "spam"})
    comment = reload(comment)
    assert comment.status == "hidden" and comment.open_reports == 0
    action = db.session.scalars(db.select(ModerationAction)).one()
    assert (action.action, action.actor_id, action.comment_id, action.reason) == (
        "hide_comment",
        moderator.id,
        comment.id,
        "spam",
    )
    notice = db.session.scalars(db.select(Notification).where(Notification.user_id == author.id)).one()
    assert notice.kind == "comment_hidden" and notice.params["reason"] == "spam"


def test_second_moderator_with_an_old_version_changes_nothing(client, auth, db):
    comment = post(make_user(), make_idea())
    decisions.report_comment(comment, make_user(), "spam")
    db.session.commit()
    version = reload(comment).updated_at.isoformat()
    auth.login(role="moderator")
    client.post(f"/moderation/comments/{comment.id}/hide", data={"version": version, "reason": "spam"})
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/comments/{comment.id}/restore?lang=en", data={"version": version}, follow_redirects=True
    )
    assert "already decided" in response.get_data(as_text=True)
    assert reload(comment).status == "hidden"
    assert db.session.scalar(db.select(db.func.count(ModerationAction.id))) == 1


def test_dismissing_reports_brings_back_an_auto_hidden_comment(client, auth, db):
    comment = post(make_user(), make_idea())
    for _ in range(3):
        decisions.report_comment(comment, make_user(), "offensive")
    db.session.commit()
    assert reload(comment).status == "hidden"
    auth.login(role="moderator")
    client.post(
        f"/moderation/comments/{comment.id}/dismiss-reports",
        data={"version": reload(comment).updated_at.isoformat()},
    )
    comment = reload(comment)
    assert comment.status == "published" and comment.open_reports == 0


def test_pre_moderated_comment_is_approved_from_the_queue(app, client, auth, db):
    idea = make_idea()
    comment = post(make_user(), idea, "Wait for me", premoderation=True)
    assert comment.status == "pending"
    auth.login(role="moderator")
    assert "Wait for me" in client.get("/moderation?type=comments").get_data(as_text=True)
    client.post(
        f"/moderation/comments/{comment.id}/approve", data={"version": comment.updated_at.isoformat()}
    )
    assert reload(comment).status == "published"
    assert queries.tally(idea.id).total == 1


def test_pre_moderated_comment_rejected_with_a_reason(client, auth, db):
    author = make_user(language="en")
    comment = post(author, make_idea(), "Not this", premoderation=True)
    auth.login(role="moderator")
    client.post(
        f"/moderation/comments/{comment.id}/reject",
        data={"version": comment.updated_at.isoformat(), "reason": "offensive"},
    )
    assert reload(comment).status == "rejected"
    assert db.session.scalars(
        db.select(Notification.kind).where(Notification.user_id == author.id)
    ).all() == ["comment_rejected"]


def test_transparency_counts_comment_decisions(client, db):
    comment = post(make_user(), make_idea())
    for _ in range(3):
        decisions.report_comment(comment, make_user(), "offensive")
    db.session.commit()
    page = client.get("/transparency?lang=en").get_data(as_text=True)
    assert "Comments hidden" in page


def test_deleting_an_account_erases_its_comments_follows_and_reports(db):
    from app.follows import services as follows
    from app.follows.models import Follow
    from app.moderation.comment_models import CommentReport
    from app.privacy.services import delete_account

    idea = make_idea()
    leaving = make_user()
    answered = post(leaving, idea, "Answered words")
    post(make_user(), idea, "An answer", parent=answered)
    lonely = post(leaving, idea, "Lonely words")
    other = post(make_user(), idea, "Someone else")
    decisions.report_comment(other, leaving, "spam")
    follows.follow(leaving, "idea", idea.id)
    db.session.commit()
    delete_account(leaving, keep_ideas=True)
    db.session.commit()
    assert reload(answered).status == "deleted" and reload(answered).body == ""
    assert reload(lonely) is None
    assert reload(other).open_reports == 0
    assert db.session.scalar(db.select(db.func.count(CommentReport.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Follow.id))) == 0
    assert queries.tally(idea.id).total == 2
