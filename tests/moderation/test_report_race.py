"""Reports racing across the hide threshold, and moderators racing reports, from threads with
their own connections: one hide, exact map aggregates and counters (PostgreSQL with
TEST_DATABASE_URL, where rows are locked; SQLite lets one writer in at a time)."""

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.extensions import db
from app.ideas.models import Idea
from app.ideas.search_index import verify_terms
from app.mapindex.aggregates import verify_cells
from app.moderation import reporting, services
from app.moderation.models import ModerationAction, Report
from tests.concurrency import run_together
from tests.factories import make_category, make_idea, make_user

pytestmark = pytest.mark.committing  # threads, each on its own connection

THRESHOLD = 3
REPORTERS = 6


def _reporting(idea_id, user_id):
    def call():
        reporting.report_idea(
            db.session.get(Idea, idea_id), db.session.get(User, user_id), "spam", threshold=THRESHOLD
        )

    return call


def _open_rows(idea_id):
    return db.session.scalar(select(func.count()).where(Report.idea_id == idea_id, Report.status == "open"))


def _assert_aggregates_exact():
    connection = db.session.connection()
    assert verify_cells(connection) == []
    assert verify_terms(connection) == []
    db.session.rollback()


def test_reports_racing_across_the_threshold_hide_the_idea_once_and_keep_every_count_exact(app):
    # The raced ideas alone in their category: its cells empty as they leave them together.
    # Neighbours of another category share the all-categories cells.
    for _ in range(2):
        make_idea(title="Banc ombragé")
    category = make_category()
    ideas = [make_idea(category=category, title="Banc ombragé près du marché") for _ in range(3)]
    reporters = [make_user() for _ in range(REPORTERS)]
    db.session.commit()
    calls = [_reporting(idea.id, user.id) for idea in ideas for user in reporters]
    assert run_together(app, calls) == []
    for idea in ideas:
        assert db.session.get(Idea, idea.id).status == "hidden"
        hides = db.session.scalars(
            select(ModerationAction.action).where(ModerationAction.idea_id == idea.id)
        ).all()
        assert hides == ["auto_hide"]
        assert db.session.get(Idea, idea.id).open_reports == _open_rows(idea.id) == REPORTERS
    _assert_aggregates_exact()


def test_reports_racing_a_moderator_keep_open_reports_equal_to_the_open_rows(app):
    moderator = make_user(role="moderator")
    idea = make_idea()
    reporters = [make_user() for _ in range(REPORTERS)]
    db.session.commit()
    idea_id, moderator_id = idea.id, moderator.id

    def hide():
        late = db.session.get(Idea, idea_id)
        services.hide_idea(late, db.session.get(User, moderator_id), late.updated_at, "spam")

    calls = [_reporting(idea_id, user.id) for user in reporters] + [hide]
    errors = run_together(app, calls)
    # A report arriving after the hide, or the hide after the automatic one, is refused cleanly.
    assert all(isinstance(error, services.ModerationError) for error in errors), errors
    assert db.session.get(Idea, idea_id).open_reports == _open_rows(idea_id)
    assert db.session.get(Idea, idea_id).status == "hidden"
    _assert_aggregates_exact()


def test_ideas_hidden_by_reports_while_others_are_restored_move_through_the_cells_without_deadlock(app):
    # Hiding takes an idea out of the published cells into the hidden ones, restoring the other
    # way: both kinds of move share the city's coarse cells.
    moderator = make_user(role="moderator")
    category = make_category()
    reported = [make_idea(category=category) for _ in range(3)]
    hidden = [make_idea(category=category, status="hidden") for _ in range(3)]
    reporters = [make_user() for _ in range(THRESHOLD)]
    db.session.commit()
    moderator_id = moderator.id

    def restoring(idea_id):
        def call():
            idea = db.session.get(Idea, idea_id)
            services.restore_idea(idea, db.session.get(User, moderator_id), idea.updated_at)

        return call

    calls = [_reporting(idea.id, user.id) for idea in reported for user in reporters]
    calls += [restoring(idea.id) for idea in hidden]
    assert run_together(app, calls) == []
    assert {db.session.get(Idea, idea.id).status for idea in reported} == {"hidden"}
    assert {db.session.get(Idea, idea.id).status for idea in hidden} == {"published"}
    _assert_aggregates_exact()
