"""Retention of personal data: what has outlived its setting is purged (`flask purge-expired`,
and the worker's timetable daily). Finished jobs in general and the development outbox have
their own purges (app/jobs/retention.py, app/core/outbox.py); this one is stricter for the
mails that carry links."""

import sqlite3
from datetime import UTC, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import exists, or_, select

from app.accounts.models import Role, User
from app.extensions import db
from app.ideas.models import Idea
from app.jobs.services import purge_finished_named
from app.moderation.models import ModerationAction, Report
from app.notifications.services import purge_older_than
from app.privacy.services import delete_account

# Their payloads carry links with tokens (verification, new password, deletion).
LINK_MAIL_JOBS = ("account_mail",)


def _setting(name):
    return current_app.config[name]


def _unverified_accounts(now):
    """Citizens who never confirmed their address within RETENTION_UNVERIFIED_DAYS: removed when
    nothing refers to them, otherwise deleted as a resident would (a pseudonymous row)."""
    cutoff = now - timedelta(days=_setting("RETENTION_UNVERIFIED_DAYS"))
    users = db.session.scalars(
        select(User)
        .where(
            User.email_verified_at.is_(None),
            User.deleted_at.is_(None),
            User.role == Role.CITIZEN.value,
            User.created_at < cutoff,
        )
        .order_by(User.id)
    ).all()
    for user in users:
        referred = db.session.scalar(
            select(
                exists().where(Idea.author_id == user.id)
                | exists().where(Report.reporter_id == user.id)
                | exists().where(
                    or_(ModerationAction.actor_id == user.id, ModerationAction.target_user_id == user.id)
                )
            )
        )
        if referred:
            delete_account(user, keep_ideas=False)
        else:
            db.session.delete(user)
    db.session.flush()
    return len(users)


def _link_mails(now):
    """Finished mail jobs whose payloads carry links with tokens, after RETENTION_TOKEN_MAIL_HOURS
    (other finished jobs go after JOBS_KEEP_DAYS). Pending and running jobs stay."""
    return purge_finished_named(LINK_MAIL_JOBS, now - timedelta(hours=_setting("RETENTION_TOKEN_MAIL_HOURS")))


def _notifications(now):
    return purge_older_than(now - timedelta(days=_setting("RETENTION_NOTIFICATIONS_DAYS")))


def _rate_limit_counters(now):
    """Expired counters of the SQLite rate-limit storage (Redis expires its own keys)."""
    uri = _setting("RATELIMIT_STORAGE_URI") or ""
    if not uri.startswith("sqlite:///"):
        return 0
    path = Path(uri[len("sqlite:///") :])
    if not path.is_file():
        return 0
    with sqlite3.connect(path, timeout=10) as conn:
        try:
            cursor = conn.execute(
                "DELETE FROM counters WHERE expires_at <= ?", (now.replace(tzinfo=UTC).timestamp(),)
            )
        except sqlite3.OperationalError:  # no counter yet: the table is made on first use
            return 0
        return cursor.rowcount


def purge_expired(now):
    """Purge what expired at `now` (naive UTC); the counts of what went, by kind. The database
    part flushes; the caller commits. Rate-limit counters go at once."""
    return {
        "unverified_accounts": _unverified_accounts(now),
        "link_mails": _link_mails(now),
        "notifications": _notifications(now),
        "rate_limit_counters": _rate_limit_counters(now),
    }
