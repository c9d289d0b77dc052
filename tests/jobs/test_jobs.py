"""Jobs: queued with their change, run once however often handed over, retried, then listed."""

from datetime import timedelta

import pytest
from huey import MemoryHuey, RedisHuey, SqliteHuey

import app.notifications.jobs as notification_jobs
from app.core.time import utcnow
from app.extensions import db
from app.jobs.models import Job
from app.jobs.queue import JobQueue, _make_huey
from app.jobs.worker import run_job, sweep
from app.notifications.services import notify
from tests.factories import make_idea, make_user
from tests.moderation.helpers import support, supporters, version


def _notice(language="en"):
    user = make_user(language=language)
    idea = make_idea(author=user, title="Bancs")
    db.session.commit()
    return user, idea


def _mail_jobs():
    return db.session.query(Job).filter_by(name="notification_mail").all()


def _fail_mail(monkeypatch):
    def refused(*args, **kwargs):
        raise ConnectionRefusedError("smtp refused")

    monkeypatch.setattr(notification_jobs, "send_mail", refused)


def test_running_a_mail_job_twice_sends_one_email(app, outbox):
    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    [job] = _mail_jobs()
    assert run_job(job.id) is None
    db.session.refresh(job)
    assert len(outbox) == 1 and job.status == "done" and job.payload == {}


def test_queueing_the_same_key_twice_records_one_job(app, outbox):
    from app.jobs.services import queue

    first = queue("notification_mail", {"notification_id": 1}, key="same")
    second = queue("notification_mail", {"notification_id": 1}, key="same")
    assert first.id == second.id
    assert db.session.query(Job).filter_by(key="same").count() == 1


def test_a_rolled_back_change_sends_no_mail(app, outbox):
    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.rollback()
    db.session.commit()
    assert outbox == [] and _mail_jobs() == []


def test_a_refused_mail_is_tried_again_later_with_a_growing_delay(app, outbox, monkeypatch):
    _fail_mail(monkeypatch)
    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    [job] = _mail_jobs()
    assert (job.status, job.attempts) == ("pending", 1)
    first_delay = (job.run_after - utcnow()).total_seconds()
    assert 25 < first_delay <= 30
    assert run_job(job.id) is None  # not due yet: nothing runs
    job.run_after = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert run_job(job.id) == 60
    db.session.refresh(job)
    assert job.attempts == 2 and "smtp refused" in job.last_error and outbox == []


def _fail_for_good(job):
    for _ in range(app_max_attempts()):
        db.session.refresh(job)
        if job.status == "failed":
            return
        job.run_after = utcnow() - timedelta(seconds=1)
        db.session.commit()
        run_job(job.id)
    db.session.refresh(job)


def app_max_attempts():
    from flask import current_app

    return current_app.config["JOBS_MAX_ATTEMPTS"]


def test_after_the_last_try_admins_see_the_job_and_can_try_it_again(client, auth, outbox, monkeypatch):
    _fail_mail(monkeypatch)
    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    [job] = _mail_jobs()
    _fail_for_good(job)
    assert (job.status, job.attempts) == ("failed", 5)
    auth.login(role="admin")
    for language, heading, button in (
        ("en", "Failed jobs", "Try again"),
        ("fr", "Tâches en échec", "Réessayer"),
        ("ar", "المهام الفاشلة", "أعد المحاولة"),
    ):
        page = client.get(f"/admin/jobs?lang={language}").get_data(as_text=True)
        assert heading in page and button in page and "smtp refused" in page
    monkeypatch.undo()
    response = client.post(f"/admin/jobs/{job.id}/retry")
    assert response.status_code == 302
    db.session.refresh(job)
    assert job.status == "done" and len(outbox) == 1
    page = client.get("/admin/jobs?lang=en").get_data(as_text=True)
    assert "No job has failed." in page


def test_the_failed_jobs_page_is_for_admins_only(client, auth):
    auth.login(role="moderator")
    assert client.get("/admin/jobs").status_code == 403
    assert client.post("/admin/jobs/1/retry").status_code == 403


def test_a_job_whose_worker_died_runs_again_once(app, outbox, monkeypatch):
    user, idea = _notice()
    _fail_mail(monkeypatch)
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    monkeypatch.undo()
    [job] = _mail_jobs()
    # The worker claimed the job, then was killed before it finished.
    job.status, job.claimed_at = "running", utcnow() - timedelta(hours=1)
    job.run_after = utcnow() - timedelta(hours=1)
    db.session.commit()
    overdue = sweep()
    assert overdue == [job.id]
    run_job(job.id)
    run_job(job.id)
    assert len(outbox) == 1


def test_a_decision_does_not_wait_for_the_supporters_mails(app, client, auth, outbox, tmp_path):
    """With a real queue the request only records the jobs; the worker sends the mails."""
    idea = make_idea(status="published")
    support(idea, *supporters(3, language="en"))
    db.session.commit()
    app.config["JOBS_IMMEDIATE"] = False
    app.extensions["jobs"] = JobQueue(app)
    auth.login(role="moderator")
    client.post(f"/moderation/ideas/{idea.id}/hide", data={"version": version(idea), "reason": "off_topic"})
    assert outbox == []
    huey = app.extensions["jobs"].huey
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
    assert len(outbox) == 4  # the author and the three supporters
    assert (tmp_path / "jobs.db").exists()


@pytest.mark.parametrize(
    ("settings", "kind"),
    [
        ({"JOBS_IMMEDIATE": True}, MemoryHuey),
        ({"HUEY_URL": "redis://127.0.0.1:6379/3"}, RedisHuey),
        ({}, SqliteHuey),
    ],
)
def test_the_queue_is_sqlite_unless_redis_is_given(tmp_path, settings, kind):
    huey = _make_huey({"INSTANCE_DIR": tmp_path, "HUEY_URL": "", **settings})
    assert type(huey) is kind


def test_a_running_job_whose_worker_renews_its_claim_is_not_given_back(app, outbox):
    from app.jobs import services

    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    [job] = _mail_jobs()
    long_ago = utcnow() - timedelta(hours=1)
    job.status, job.attempts, job.claimed_at = "running", 1, long_ago
    db.session.commit()
    assert services.renew_leases({job.id: 1}) == 1
    assert services.release_abandoned(app.config["JOBS_LEASE_SECONDS"]) == []
    db.session.commit()
    db.session.refresh(job)
    assert job.status == "running"
    job.claimed_at = long_ago
    db.session.commit()
    assert services.release_abandoned(app.config["JOBS_LEASE_SECONDS"]) == [job.id]


def test_a_run_whose_claim_was_given_back_meanwhile_undoes_its_work(app, outbox, monkeypatch):
    """A worker that seemed dead ends late: the job is another's now, and its work is rolled back."""
    from app.jobs.registry import HANDLERS

    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    [job] = _mail_jobs()
    job.status, job.attempts, job.payload = "pending", 0, {"notification_id": 1}
    db.session.commit()

    def slow_worker(payload):
        # Meanwhile its claim expired and another worker took the job (attempt 2).
        db.session.execute(db.update(Job).where(Job.id == job.id).values(attempts=Job.attempts + 1))
        db.session.commit()
        notify([make_user()], "idea_published", idea.id, title="written by the late run")

    monkeypatch.setitem(HANDLERS, "notification_mail", slow_worker)
    assert run_job(job.id) is None
    db.session.expire_all()
    from app.notifications.models import Notification

    assert db.session.query(Notification).count() == 1
    job = db.session.get(Job, job.id)
    assert (job.status, job.attempts) == ("running", 2)


def test_a_mail_sent_again_by_a_second_try_is_kept_once_in_the_outbox(app, tmp_path):
    from flask_mailman import EmailMessage

    from app.core.mail import message_id
    from app.core.outbox import EmailBackend, outbox_messages

    app.config["OUTBOX_DIR"] = tmp_path / "mails"

    def send(key, subject):
        headers = {"Message-ID": message_id(key)} if key else None
        message = EmailMessage(subject=subject, body="b", to=["a@example.org"], headers=headers)
        return EmailBackend().send_messages([message])

    assert send("notification:1", "first try") == 1
    assert send("notification:1", "second try") == 0
    assert send("notification:2", "another") == 1
    assert send(None, "no key") == 1 and send(None, "no key") == 1
    assert len(list((tmp_path / "mails").glob("*.eml"))) == 4
    assert not list((tmp_path / "mails").glob(".partial-*"))
    assert {m["subject"] for m in outbox_messages()} == {"first try", "another", "no key"}


def test_a_notification_mail_carries_its_key_as_message_id(app, outbox):
    from app.core.mail import message_id

    user, idea = _notice()
    [notification] = notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    assert outbox[0].extra_headers["Message-ID"] == message_id(f"notification:{notification.id}")


def test_the_housekeeping_hands_a_dead_workers_job_to_the_queue_again(app, outbox):
    user, idea = _notice()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    outbox.clear()
    [job] = _mail_jobs()
    job.status, job.claimed_at, job.finished_at = "running", utcnow() - timedelta(hours=1), None
    job.payload = {"notification_id": int(job.key.split(":")[1])}  # as before its run
    db.session.commit()
    assert app.extensions["jobs"].hand_back() == [job.id]
    db.session.refresh(job)
    assert job.status == "done" and len(outbox) == 1
