"""`flask verify` compares the comments' supports and each idea's comment tally with the rows,
and `--repair` recounts them."""

from sqlalchemy import text

from app.comments import queries, services
from app.extensions import db
from tests.comments.helpers import post, reload
from tests.factories import make_idea, make_user


def _discussed_idea():
    idea = make_idea()
    first = post(make_user(), idea, "For the shade", stance="for")
    post(make_user(), idea, "Against the cost", stance="against")
    services.support_comment(make_user(), first)
    services.support_comment(make_user(), first)
    db.session.commit()
    return idea, first


def test_verify_passes_on_comments_kept_by_their_services(runner, db):
    _discussed_idea()
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 0, result.output


def test_verify_finds_a_drifting_comment_support_count_and_repair_recounts_it(runner, db):
    _idea, first = _discussed_idea()
    db.session.execute(text("UPDATE comments SET support_count = 9 WHERE id = :id"), {"id": first.id})
    db.session.commit()
    found = runner.invoke(args=["verify"])
    assert found.exit_code == 1
    assert f"comment {first.id} (idea {first.idea_id}): support_count 9, supports 2" in found.output
    repaired = runner.invoke(args=["verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert reload(first).support_count == 2
    assert runner.invoke(args=["verify"]).exit_code == 0


def test_verify_finds_a_drifting_or_missing_comment_tally_and_repair_recounts_it(runner, db):
    idea, _first = _discussed_idea()
    untallied, _other = _discussed_idea()
    db.session.execute(
        text("UPDATE comment_tallies SET total = 5, for_count = 0 WHERE idea_id = :id"), {"id": idea.id}
    )
    db.session.execute(text("DELETE FROM comment_tallies WHERE idea_id = :id"), {"id": untallied.id})
    db.session.commit()
    found = runner.invoke(args=["verify"])
    assert found.exit_code == 1
    assert f"idea {idea.id}: comment tally (5, 0, 1, 0), published comments (2, 1, 1, 0)" in found.output
    assert f"idea {untallied.id}: comment tally (0, 0, 0, 0), published comments (2, 1, 1, 0)" in found.output
    repaired = runner.invoke(args=["verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    for repaired_idea in (idea, untallied):
        tally = queries.tally(repaired_idea.id)
        assert (tally.total, tally.for_count, tally.against_count, tally.neutral_count) == (2, 1, 1, 0)
    assert runner.invoke(args=["verify"]).exit_code == 0
