"""Moving every support of one idea to another: one support per resident, both counters exact."""

from pathlib import Path

from app.extensions import db
from app.ideas.models import Idea
from app.votes import tally
from app.votes.models import Vote
from tests.factories import make_idea
from tests.moderation.helpers import support, supporters
from tests.statements import recorded_statements

ROOT = Path(__file__).resolve().parents[2]


def _rows(idea):
    return db.session.query(Vote).filter_by(idea_id=idea.id).count()


def test_supports_move_without_counting_a_resident_twice(app):
    source, target = make_idea(), make_idea()
    both, only_source, only_target = supporters(2), supporters(3), supporters(1)
    support(source, *both, *only_source)
    support(target, *both, *only_target)
    first = db.session.query(Vote).filter_by(idea_id=source.id, user_id=only_source[0].id).one()
    when = first.created_at
    tally.move_supports(source.id, target.id)
    db.session.expire_all()
    assert (source.support_count, _rows(source)) == (0, 0)
    assert (target.support_count, _rows(target)) == (6, 6)
    moved = db.session.query(Vote).filter_by(idea_id=target.id, user_id=only_source[0].id).one()
    assert moved.created_at == when


def test_counters_move_by_the_rows_moved_not_by_a_recount(app):
    # A counter that already counts a concurrent support keeps it: the move adds, never resets.
    source, target = make_idea(), make_idea()
    support(source, *supporters(2))
    support(target, *supporters(1))
    db.session.execute(db.update(Idea).where(Idea.id == target.id).values(support_count=5))
    tally.move_supports(source.id, target.id)
    db.session.expire_all()
    assert target.support_count == 7 and source.support_count == 0


def test_moving_no_supports_changes_no_counter(app):
    source, target = make_idea(), make_idea()
    support(target, *supporters(2))
    tally.move_supports(source.id, target.id)
    db.session.expire_all()
    assert (source.support_count, target.support_count) == (0, 2)


def test_a_move_is_one_statement_on_postgresql_and_one_per_table_and_step_on_sqlite(app):
    source, target = make_idea(), make_idea()
    support(source, *supporters(2))
    with recorded_statements() as seen:
        tally.move_supports(source.id, target.id)
    assert len(seen) == (1 if db.engine.dialect.name == "postgresql" else 3), seen


def test_moderation_moves_supports_through_the_votes_feature():
    text = (ROOT / "app/moderation/services.py").read_text()
    assert "tally.move_supports(" in text
    assert "Vote" not in text and "support_count=" not in text
