"""`flask votes verify` finds a drift planted in the database and `--repair` fixes it."""

from sqlalchemy import text

from app.votes import services
from tests.factories import make_idea, make_user


def test_verify_reports_drift_then_repair_fixes_it(runner, db):
    drifting, fine = make_idea(title="Trees on Boulevard Zerktouni"), make_idea()
    for _ in range(2):
        services.cast_vote(make_user(), drifting)
    services.cast_vote(make_user(), fine)
    db.session.execute(text("UPDATE ideas SET support_count = 5 WHERE id = :id"), {"id": drifting.id})
    db.session.commit()

    found = runner.invoke(args=["votes", "verify"])
    assert found.exit_code == 1
    assert f"idea {drifting.id}: counter 5, rows 2" in found.output
    assert "Trees on Boulevard Zerktouni" in found.output
    assert f"idea {fine.id}:" not in found.output

    repaired = runner.invoke(args=["votes", "verify", "--repair"])
    assert repaired.exit_code == 0
    assert "Repaired 1 counter(s)." in repaired.output

    again = runner.invoke(args=["votes", "verify"])
    assert again.exit_code == 0
    assert "All support counters match their rows." in again.output
    db.session.expire_all()
    assert drifting.support_count == 2 and fine.support_count == 1
