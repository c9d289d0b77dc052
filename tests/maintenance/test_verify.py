"""`flask verify` finds drift planted in every denormalised value and `--repair` fixes it all."""

from sqlalchemy import func, select, text

from app.ideas.models import Idea, IdeaTerm
from app.moderation.models import Report
from app.moderation.reporting import report_idea
from app.votes import services
from tests.factories import make_idea, make_user


def _reported_idea(db, reports=2):
    idea = make_idea(title="Shade over the bus stop")
    for _ in range(reports):
        report_idea(idea, make_user(), "spam", threshold=10)
    services.cast_vote(make_user(), idea)
    db.session.commit()
    return idea


def test_verify_passes_when_every_counter_matches_its_rows(runner, db):
    _reported_idea(db)
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 0, result.output
    assert "Every counter and index matches its rows." in result.output


def test_verify_finds_drifting_open_reports_and_repair_recounts_them(runner, db):
    idea, fine = _reported_idea(db), _reported_idea(db, reports=1)
    db.session.execute(text("UPDATE ideas SET open_reports = 3 WHERE id = :id"), {"id": idea.id})
    db.session.commit()

    found = runner.invoke(args=["verify"])
    assert found.exit_code == 1
    assert f"idea {idea.id}: open_reports 3, open reports 2 — Shade over the bus stop" in found.output
    assert f"idea {fine.id}:" not in found.output
    assert "flask verify --repair" in found.output

    repaired = runner.invoke(args=["verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "Repaired: open reports" in repaired.output
    db.session.expire_all()
    open_rows = db.session.scalar(
        select(func.count()).where(Report.idea_id == idea.id, Report.status == "open")
    )
    assert db.session.get(Idea, idea.id).open_reports == open_rows == 2
    assert runner.invoke(args=["verify"]).exit_code == 0


def test_verify_finds_every_kind_of_drift_and_one_repair_fixes_them_all(runner, db):
    idea, moved = _reported_idea(db), make_idea(title="Trees on Boulevard Zerktouni")
    db.session.commit()
    for statement in (
        "UPDATE ideas SET support_count = 7, open_reports = 0 WHERE id = :idea",
        "UPDATE ideas SET map_key = 12345 WHERE id = :moved",
        "DELETE FROM idea_terms WHERE idea_id = :idea AND term = 'shade'",
        "UPDATE map_cells SET count = count + 1 WHERE level = 4",
    ):
        db.session.execute(text(statement), {"idea": idea.id, "moved": moved.id})
    db.session.commit()

    found = runner.invoke(args=["verify"])
    assert found.exit_code == 1
    output = found.output
    assert f"idea {idea.id}: support_count 7, supports 1" in output
    assert f"idea {idea.id}: open_reports 0, open reports 2" in output
    assert f"idea {moved.id}: map_key 12345, its point's" in output
    assert "map cell different: " in output or "map cell missing: " in output
    assert f"idea {idea.id}: search words missing ['shade'], extra []" in output

    repaired = runner.invoke(args=["verify", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    again = runner.invoke(args=["verify"])
    assert again.exit_code == 0, again.output
    db.session.expire_all()
    assert (idea.support_count, idea.open_reports) == (1, 2)
    assert (
        db.session.scalar(select(func.count()).where(IdeaTerm.idea_id == moved.id, IdeaTerm.term == "trees"))
        == 1
    )


def test_the_feature_checks_still_answer_on_their_own(runner, db):
    _reported_idea(db)
    assert runner.invoke(args=["votes", "verify"]).exit_code == 0
    assert runner.invoke(args=["geo", "verify-cells"]).exit_code == 0
