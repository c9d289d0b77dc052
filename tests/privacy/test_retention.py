"""Retention: `purge_expired(now)` removes what outlived its setting, and nothing else."""

import sqlite3
import time
from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.ratelimits import SQLiteStorage
from app.core.time import utcnow
from app.jobs.models import Job
from app.notifications.models import Notification
from app.privacy.retention import purge_expired
from tests.factories import make_idea, make_user

NOW = utcnow()
DAY = timedelta(days=1)


def _job(db, name, status, age, user_id=1):
    job = Job(name=name, payload={"user_id": user_id}, status=status, created_at=NOW - age, finished_at=None)
    if status in ("done", "failed"):
        job.finished_at = NOW - age
    db.session.add(job)
    db.session.flush()
    return job.id


def test_purge_removes_what_expired_and_keeps_the_rest(app, db, tmp_path):
    old_unverified = make_user(verified=False)
    old_unverified.created_at = NOW - 31 * DAY
    new_unverified = make_user(verified=False)
    new_unverified.created_at = NOW - 29 * DAY
    old_verified = make_user()
    old_verified.created_at = NOW - 400 * DAY
    old_moderator = make_user(role="moderator", verified=False)
    old_moderator.created_at = NOW - 400 * DAY
    # Unverified, but an idea of theirs exists: deleted as a resident would, under a pseudonym.
    old_author = make_user(verified=False, email="old.author@example.org")
    old_author.created_at = NOW - 60 * DAY
    authored = make_idea(author=old_author, status="pending")
    for age, user in ((366 * DAY, old_verified), (364 * DAY, old_verified)):
        db.session.add(Notification(user_id=user.id, kind="idea_published", params={}, created_at=NOW - age))
    expired_link = _job(db, "account_mail", "done", timedelta(hours=49))
    fresh_link = _job(db, "account_mail", "done", timedelta(hours=47))
    waiting_link = _job(db, "account_mail", "pending", 10 * DAY)
    # Other finished jobs are the jobs feature's to purge (JOBS_KEEP_DAYS), not this one's.
    other = _job(db, "notification_mail", "done", 3 * DAY)
    db.session.commit()

    counters = tmp_path / "limits.sqlite"
    storage = SQLiteStorage(f"sqlite:///{counters}")
    storage.incr("expired", expiry=1)
    storage.incr("live", expiry=3600)
    app.config["RATELIMIT_STORAGE_URI"] = f"sqlite:///{counters}"
    time.sleep(1.1)

    counts = purge_expired(utcnow())
    db.session.commit()
    assert counts == {
        "unverified_accounts": 2,
        "link_mails": 1,
        "notifications": 1,
        "rate_limit_counters": 1,
    }
    assert db.session.get(User, old_unverified.id) is None
    for kept in (new_unverified, old_verified, old_moderator):
        assert db.session.get(User, kept.id).email is not None
    author = db.session.get(User, old_author.id)
    assert author.email is None and author.is_deleted
    assert db.session.get(type(authored), authored.id).status == "withdrawn"
    remaining_jobs = set(db.session.scalars(select(Job.id)))
    assert remaining_jobs == {fresh_link, waiting_link, other}
    assert expired_link not in remaining_jobs
    assert len(db.session.scalars(select(Notification)).all()) == 1
    with sqlite3.connect(counters) as conn:
        assert [key for (key,) in conn.execute("SELECT key FROM counters")] == ["live"]


def test_the_worker_runs_the_purge_daily(app):
    from app.jobs.registry import SCHEDULE

    assert SCHEDULE["purge_expired"][1] == {"hour": "3", "minute": "30"}


def test_a_second_purge_finds_nothing(app, db):
    assert set(purge_expired(utcnow()).values()) == {0}


def test_the_command_reports_what_it_purged(runner, db):
    user = make_user(verified=False)
    user.created_at = NOW - 90 * DAY
    db.session.commit()
    result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert "unverified_accounts: 1" in result.output
    assert "notifications: 0" in result.output
