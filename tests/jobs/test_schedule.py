"""The worker's timetable: the daily open-data snapshot and purges, once per slot, each doing its work."""

import os
import time
from datetime import timedelta

from huey import crontab

from app.core.time import utcnow
from app.extensions import db
from app.jobs.models import Job
from app.jobs.registry import SCHEDULE
from app.opendata.snapshots import snapshot_files
from tests.factories import make_idea


def _run(app, name):
    """What a worker's scheduler does when the task's time comes (jobs run inline in tests)."""
    app.extensions["jobs"].scheduled[name]()


def _job(name, status, finished_days_ago):
    finished = utcnow() - timedelta(days=finished_days_ago)
    job = Job(name=name, payload={}, status=status, attempts=1, run_after=finished, finished_at=finished)
    db.session.add(job)
    return job


def test_the_worker_has_the_daily_snapshot_and_purges_on_its_timetable(app):
    huey = app.extensions["jobs"].huey
    day = utcnow().replace(hour=2, minute=30, second=0, microsecond=0)

    def due(at):
        return {task.name for task in huey.read_periodic(at)}

    # The dashboard's figures are recomputed every ten minutes.
    assert due(day) == {"schedule:open_data_snapshot", "schedule:dashboard_figures", "sweep_jobs"}
    assert due(day.replace(hour=3, minute=0)) == {
        "schedule:purge_jobs",
        "schedule:dashboard_figures",
        "sweep_jobs",
    }
    assert due(day.replace(hour=3, minute=5)) == {"schedule:purge_outbox", "sweep_jobs"}
    assert due(day.replace(hour=14, minute=7)) == {"sweep_jobs"}
    assert SCHEDULE["purge_jobs"][1] == {"hour": "3", "minute": "0"}
    assert crontab(**SCHEDULE["purge_outbox"][1])(day.replace(hour=3, minute=5))


def test_the_daily_snapshot_is_written_by_the_worker(app):
    make_idea(status="published", title="Bancs à l'ombre")
    db.session.commit()
    assert snapshot_files() == []
    _run(app, "open_data_snapshot")
    [(name, size)] = snapshot_files()
    assert size > 0 and name.endswith("00Z.zip")
    job = db.session.scalar(db.select(Job).where(Job.name == "open_data_snapshot"))
    assert job.status == "done" and job.key.startswith("schedule:open_data_snapshot:")


def test_a_slot_runs_once_however_many_workers_fire_it(app, monkeypatch):
    # Both schedulers fire in the same minute, whatever second the test starts at.
    minute = utcnow().replace(second=30, microsecond=0)
    monkeypatch.setattr("app.jobs.queue.utcnow", lambda: minute)
    _run(app, "open_data_snapshot")
    _run(app, "open_data_snapshot")  # a second worker's scheduler, the same minute
    assert db.session.query(Job).filter_by(name="open_data_snapshot").count() == 1
    assert len(snapshot_files()) == 1


def test_a_snapshot_tried_again_after_its_worker_died_is_done(app):
    from app.jobs.registry import HANDLERS

    now = utcnow().replace(second=0, microsecond=0)
    HANDLERS["open_data_snapshot"]({"now": now.isoformat()})
    HANDLERS["open_data_snapshot"]({"now": now.isoformat()})  # no error: the slot's file is there
    assert len(snapshot_files()) == 1


def test_the_purge_deletes_old_finished_jobs_and_keeps_recent_and_waiting_ones(app):
    old_done = _job("notification_mail", "done", 15)
    recent_done = _job("notification_mail", "done", 13)
    old_failed = _job("notification_mail", "failed", 91)
    recent_failed = _job("notification_mail", "failed", 30)
    waiting = Job(name="notification_mail", payload={"notification_id": 1}, status="pending", attempts=0)
    db.session.add(waiting)
    db.session.commit()
    gone, kept = [old_done.id, old_failed.id], [recent_done.id, recent_failed.id, waiting.id]
    _run(app, "purge_jobs")
    remaining = set(db.session.scalars(db.select(Job.id)).all())
    assert not remaining & set(gone)
    assert set(kept) <= remaining


def test_the_purge_deletes_old_outbox_messages_and_keeps_recent_ones(app):
    folder = app.config["OUTBOX_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    old, recent = folder / "old.eml", folder / "recent.eml"
    old.write_text("Subject: old\n\nold")
    recent.write_text("Subject: recent\n\nrecent")
    fifteen_days_ago = time.time() - 15 * 86400
    os.utime(old, (fifteen_days_ago, fifteen_days_ago))
    _run(app, "purge_outbox")
    assert not old.exists() and recent.exists()
    assert db.session.query(Job).filter_by(name="purge_outbox", status="done").count() == 1


def test_the_purge_sweeps_what_a_killed_worker_was_writing(app):
    folder = app.config["OUTBOX_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    stale, writing = folder / ".partial-abc.eml", folder / ".partial-def.eml"
    stale.write_text("Subject: cut")
    writing.write_text("Subject: being")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(stale, (two_hours_ago, two_hours_ago))
    _run(app, "purge_outbox")
    assert not stale.exists() and writing.exists()


def test_another_feature_adds_a_scheduled_task_in_one_line(app):
    from app.jobs.queue import JobQueue
    from app.jobs.registry import HANDLERS, schedule

    seen = []
    schedule("purge_test_rows", seen.append, hour="4", minute="0")
    try:
        queue = JobQueue(app)
        app.extensions["jobs"] = queue
        queue.scheduled["purge_test_rows"]()
        assert len(seen) == 1 and seen[0].second == 0 and seen[0] <= utcnow()
    finally:
        SCHEDULE.pop("purge_test_rows")
        HANDLERS.pop("purge_test_rows")


def test_every_job_has_a_translated_name_on_the_failed_jobs_page(app):
    from flask_babel import force_locale

    from app.jobs.registry import HANDLERS
    from app.jobs.views import LABELS

    assert set(SCHEDULE) <= set(LABELS) and set(HANDLERS) <= set(LABELS)
    with app.test_request_context(), force_locale("ar"):
        assert str(LABELS["purge_outbox"]) == "الحذف اليومي لصندوق البريد الصادر"
