"""Residents acting on one comment at the same moment, from threads with their own connections:
supports counted exactly, a comment hidden once by reports crossing the threshold together, and
replies counted exactly (PostgreSQL with TEST_DATABASE_URL, where rows are locked)."""

import os

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.comments import queries, services
from app.comments.models import Comment, CommentSupport
from app.extensions import db
from app.moderation import comment_decisions as decisions
from app.moderation.comment_models import CommentReport
from app.moderation.models import ModerationAction
from app.moderation.queries import QueueFilters, moderation_queue
from app.notifications.models import Notification
from tests.comments.helpers import post
from tests.concurrency import run_together
from tests.factories import make_idea, make_user

pytestmark = [
    pytest.mark.committing,  # threads, each on its own connection
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="needs PostgreSQL row locks"),
]

RESIDENTS = 8
THRESHOLD = 3


def _acting(service, comment_id, user_id):
    def call():
        service(db.session.get(User, user_id), db.session.get(Comment, comment_id))

    return call


def _supports(comment_id):
    rows = db.session.scalar(select(func.count()).where(CommentSupport.comment_id == comment_id))
    return db.session.get(Comment, comment_id).support_count, rows


def test_residents_supporting_one_comment_at_once_are_all_counted(app):
    comment = post(make_user(), make_idea())
    residents = [make_user() for _ in range(RESIDENTS)]
    db.session.commit()
    calls = [_acting(services.support_comment, comment.id, user.id) for user in residents]
    calls += [_acting(services.support_comment, comment.id, residents[0].id) for _ in range(3)]
    assert run_together(app, calls) == []
    assert _supports(comment.id) == (RESIDENTS, RESIDENTS)


def test_supports_and_withdrawals_racing_keep_the_count_equal_to_the_rows(app):
    comment = post(make_user(), make_idea())
    residents = [make_user() for _ in range(RESIDENTS)]
    for user in residents[::2]:
        services.support_comment(user, comment)
    db.session.commit()
    calls = []
    for index, user in enumerate(residents):
        # Each resident supports and withdraws twice, in an order that differs between them.
        verbs = (services.support_comment, services.withdraw_support) * 2
        calls += [_acting(verb, comment.id, user.id) for verb in (verbs if index % 2 else verbs[::-1])]
    assert run_together(app, calls) == []
    count, rows = _supports(comment.id)
    assert count == rows
    assert 0 <= rows <= RESIDENTS


def test_reports_reaching_the_threshold_at_once_hide_the_comment_once(app):
    idea = make_idea()
    parent = post(make_user(), idea, "Put the bench in the shade.")
    post(make_user(), idea, "A kind answer", parent=parent)
    reported = post(make_user(), idea, "Rude answer", parent=parent)
    reporters = [make_user() for _ in range(RESIDENTS)]
    db.session.commit()
    reported_id = reported.id  # read here: the threads must not load through this session

    def reporting(user_id):
        def call():
            decisions.report_comment(
                db.session.get(Comment, reported_id),
                db.session.get(User, user_id),
                "offensive",
                threshold=THRESHOLD,
            )

        return call

    assert run_together(app, [reporting(user.id) for user in reporters]) == []
    comment = db.session.get(Comment, reported.id)
    assert comment.status == "hidden"
    actions = db.session.scalars(
        select(ModerationAction.action).where(ModerationAction.comment_id == reported.id)
    ).all()
    assert actions == ["auto_hide_comment"]
    notices = db.session.scalars(
        select(Notification.kind).where(Notification.user_id == comment.author_id)
    ).all()
    assert notices == ["comment_auto_hidden"]
    open_rows = db.session.scalar(
        select(func.count()).where(CommentReport.comment_id == reported.id, CommentReport.status == "open")
    )
    assert comment.open_reports == open_rows == RESIDENTS
    queue = moderation_queue(QueueFilters(type="comments"))
    assert (queue.total, [item.id for item in queue.items]) == (1, [reported.id])
    assert db.session.get(Comment, parent.id).reply_count == 1
    db.session.rollback()


def test_replies_posted_at_once_are_all_counted(app):
    idea = make_idea()
    parent = post(make_user(), idea, "Where should the bench go?")
    residents = [make_user() for _ in range(RESIDENTS)]
    db.session.commit()
    idea_id, parent_id = idea.id, parent.id

    def replying(user_id):
        def call():
            services.post_comment(
                db.session.get(User, user_id),
                db.session.get(type(idea), idea_id),
                "In the shade, please.",
                parent=db.session.get(Comment, parent_id),
            )

        return call

    assert run_together(app, [replying(user.id) for user in residents]) == []
    assert db.session.get(Comment, parent.id).reply_count == RESIDENTS
    assert queries.tally(idea.id).total == RESIDENTS + 1


def test_reports_decisions_deletions_and_replies_racing_on_one_thread_keep_every_count_exact(app):
    idea = make_idea()
    parent = post(make_user(), idea, "Where should the bench go?")
    reported, hidden, deleted = (post(make_user(), idea, f"Answer {i}", parent=parent) for i in range(3))
    moderator, residents = make_user(role="moderator"), [make_user() for _ in range(RESIDENTS)]
    db.session.commit()
    ids = {
        "idea": idea.id,
        "parent": parent.id,
        "moderator": moderator.id,
        "reported": reported.id,
        "hidden": hidden.id,
        "deleted": deleted.id,
    }

    def reporting(user_id):
        def call():
            decisions.report_comment(
                db.session.get(Comment, ids["reported"]),
                db.session.get(User, user_id),
                "spam",
                threshold=THRESHOLD,
            )

        return call

    def hide():
        late = db.session.get(Comment, ids["hidden"])
        decisions.hide_comment(late, db.session.get(User, ids["moderator"]), late.updated_at, "spam")

    def delete():
        late = db.session.get(Comment, ids["deleted"])
        services.delete_comment(late.author, late)

    def replying(user_id):
        def call():
            services.post_comment(
                db.session.get(User, user_id),
                db.session.get(type(idea), ids["idea"]),
                "Near the tram stop.",
                parent=db.session.get(Comment, ids["parent"]),
            )

        return call

    calls = [reporting(user.id) for user in residents[:4]] + [hide, delete]
    calls += [replying(user.id) for user in residents[4:]]
    assert run_together(app, calls) == []
    assert db.session.get(Comment, ids["reported"]).status == "hidden"
    assert db.session.get(Comment, ids["hidden"]).status == "hidden"
    assert db.session.get(Comment, ids["deleted"]) is None
    # Published replies: the four new ones; the tally adds the parent.
    assert db.session.get(Comment, parent.id).reply_count == RESIDENTS - 4
    assert queries.tally(idea.id).total == RESIDENTS - 4 + 1
    assert queries.reply_count_drift() == queries.support_count_drift() == queries.tally_drift() == []
    db.session.rollback()
