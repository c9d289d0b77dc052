"""`flask creathon create-event` and `flask creathon import`: output and exit codes 0, 1, 2."""

from app.creathon.models import Event, ImportRecord, Outcome
from tests.creathon import files


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_create_event_then_import_exits_0_with_the_summary_line(runner, db, category, tmp_path):
    result = runner.invoke(
        args=[
            "creathon",
            "create-event",
            "hackathon-2018",
            "--title",
            "Smart City Hackathon",
            "--date",
            "2018-04-21",
            "--kind",
            "hackathon",
        ]
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(Event).filter_by(slug="hackathon-2018")).kind == "hackathon"
    path = _write(tmp_path, "propositions.csv", files.excel_french_csv())
    result = runner.invoke(
        args=["creathon", "import", path, "--event", "hackathon-2018", "--default-category", "mobilite"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-2:] == [
        "Import done. Created: 4; updated: 0; unchanged: 0; not imported: 0.",
        "result created=4 updated=0 unchanged=0 skipped=0 errors=0",
    ]
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 4
    again = runner.invoke(
        args=["creathon", "import", path, "--event", "hackathon-2018", "--default-category", "mobilite"]
    )
    assert (
        again.output.strip().splitlines()[-1] == "result created=0 updated=0 unchanged=4 skipped=0 errors=0"
    )
    assert db.session.scalar(db.select(db.func.count(ImportRecord.id))) == 2


def test_dry_run_reports_and_writes_nothing(runner, db, event, tmp_path):
    db.session.commit()
    path = _write(tmp_path, "p.xlsx", files.xlsx_file())
    result = runner.invoke(
        args=[
            "creathon",
            "import",
            path,
            "--event",
            "creathon-test",
            "--dry-run",
            "--default-category",
            "mobilite",
        ]
    )
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-2:] == [
        "Dry run, nothing was written. Would be created: 2; updated: 0; unchanged: 0; not imported: 0.",
        "result created=2 updated=0 unchanged=0 skipped=0 errors=0",
    ]
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0


def test_file_with_errors_exits_1_prints_lines_and_writes_nothing(runner, db, event, tmp_path):
    db.session.commit()
    rows = [list(r) for r in files.FRENCH_ROWS]
    rows[0][8] = "premier"
    rows[2][1] = ""
    path = _write(tmp_path, "p.csv", files.excel_french_csv(rows))
    result = runner.invoke(
        args=["creathon", "import", path, "--event", "creathon-test", "--default-category", "skip"]
    )
    assert result.exit_code == 1
    assert "line 2: The rank “premier” is not a whole number from 1." in result.output
    assert "line 4: The title is empty." in result.output
    assert result.output.strip().splitlines()[-2:] == [
        "Nothing was written.",
        "result created=0 updated=0 unchanged=0 skipped=0 errors=2",
    ]
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0
    assert db.session.scalar(db.select(db.func.count(ImportRecord.id))) == 0


def test_the_summary_follows_the_chosen_language_and_the_result_line_does_not(runner, db, event, tmp_path):
    db.session.commit()
    rows = [list(r) for r in files.FRENCH_ROWS]
    rows[2][1] = ""
    path = _write(tmp_path, "p.csv", files.excel_french_csv(rows))
    args = ["creathon", "import", path, "--event", "creathon-test", "--default-category", "mobilite"]
    french = runner.invoke(args=[*args, "--dry-run", "--lang", "fr"])
    assert "ligne 4 : Le titre est vide." in french.output
    assert french.output.strip().splitlines()[-2:] == [
        "Rien n'a été écrit.",
        "result created=0 updated=0 unchanged=0 skipped=0 errors=1",
    ]
    path = _write(tmp_path, "p.csv", files.excel_french_csv())
    arabic = runner.invoke(args=[*args, "--lang", "ar"]).output.strip().splitlines()
    assert arabic[-2] == "تمّ الاستيراد. أُنشئ: 4؛ حُدّث: 0؛ بلا تغيير: 0؛ لم يُستورد: 0."
    assert arabic[-1] == "result created=4 updated=0 unchanged=0 skipped=0 errors=0"
    missing = runner.invoke(args=["creathon", "import", path, "--event", "nope", "--lang", "fr"])
    assert missing.exit_code == 2 and "aucun événement n'a le slug « nope »" in missing.output


def test_create_event_answers_in_the_chosen_language(runner, db, event):
    db.session.commit()
    base = ["creathon", "create-event", "--title", "T"]
    made = runner.invoke(args=[*base, "atelier-2019", "--date", "2019-05-02", "--lang", "fr"])
    assert made.exit_code == 0 and made.output.strip() == "Événement « atelier-2019 » créé."
    clash = runner.invoke(args=[*base, "creathon-test", "--date", "2018-04-20", "--lang", "ar"])
    assert clash.exit_code == 2 and "already uses" not in clash.output
    assert "عنوان" in clash.output
    bad_date = runner.invoke(args=[*base, "x", "--date", "20/04/2018", "--lang", "fr"])
    assert bad_date.exit_code == 2 and "AAAA-MM-JJ" in bad_date.output
    assert db.session.scalar(db.select(db.func.count(Event.id))) == 2


def test_unreadable_file_exits_1(runner, db, event, tmp_path):
    db.session.commit()
    path = _write(tmp_path, "secret.xlsx", files.ENCRYPTED_XLSX)
    result = runner.invoke(args=["creathon", "import", path, "--event", "creathon-test"])
    assert result.exit_code == 1 and "password-protected" in result.output


def test_wrong_usage_exits_2(runner, db, event, tmp_path):
    db.session.commit()
    path = _write(tmp_path, "p.csv", files.excel_french_csv())
    assert runner.invoke(args=["creathon", "import", path, "--event", "nope"]).exit_code == 2
    assert runner.invoke(args=["creathon", "import", path]).exit_code == 2
    assert (
        runner.invoke(
            args=["creathon", "import", str(tmp_path / "missing.csv"), "--event", "creathon-test"]
        ).exit_code
        == 2
    )
    bad_date = runner.invoke(args=["creathon", "create-event", "x", "--title", "X", "--date", "20/04/2018"])
    assert bad_date.exit_code == 2
    clash = runner.invoke(
        args=["creathon", "create-event", "creathon-test", "--title", "X", "--date", "2018-04-20"]
    )
    assert clash.exit_code == 2 and "already uses" in clash.output


def test_demo_seed_creates_the_2018_creathon_once(runner, db, district):
    from app.creathon.demo import SLUG, seed_demo_creathon

    event = seed_demo_creathon()
    db.session.commit()
    seed_demo_creathon()
    db.session.commit()
    assert event.slug == SLUG == "creathon-casablanca-2018"
    assert event.partner_list == [
        "Green-TIC",
        "IEEE Smart City Initiative",
        "Casablanca Events & Animation",
        "i2CAT",
        "Enactus Morocco",
    ]
    outcomes = db.session.scalars(db.select(Outcome)).all()
    assert len(outcomes) == 7
    assert {o.idea.language for o in outcomes} == {"fr", "ar"}
    assert any(o.idea.approximate for o in outcomes) and any(o.unplaced for o in outcomes)
    assert db.session.scalar(db.select(db.func.count(ImportRecord.id))) == 1


def test_demo_outcomes_span_several_categories_and_districts(db):
    from app.creathon.demo import seed_demo_creathon
    from app.ideas.demo import seed_demo_districts

    seed_demo_districts()
    seed_demo_creathon()
    db.session.commit()
    ideas = [o.idea for o in db.session.scalars(db.select(Outcome))]
    assert len({idea.category.slug for idea in ideas}) >= 3
    assert {"parking", "cycling", "lighting"} <= {idea.category.slug for idea in ideas}
    assert len({idea.district.slug for idea in ideas if idea.district}) >= 3


def test_import_can_be_recorded_under_a_facilitators_name(runner, db, event, tmp_path):
    from tests.factories import make_user

    make_user(role="facilitator", email="nadia@example.org")
    make_user(role="citizen", email="salma@example.org")
    db.session.commit()
    path = _write(tmp_path, "p.csv", files.excel_french_csv())
    refused = runner.invoke(
        args=["creathon", "import", path, "--event", "creathon-test", "--by", "salma@example.org"]
    )
    assert refused.exit_code == 2
    result = runner.invoke(
        args=[
            "creathon",
            "import",
            path,
            "--event",
            "creathon-test",
            "--by",
            "nadia@example.org",
            "--default-category",
            "mobilite",
        ]
    )
    assert result.exit_code == 0
    assert db.session.scalar(db.select(ImportRecord)).user.email == "nadia@example.org"
