"""A moderator's decision on an idea with 10,000 supporters against one with 10.

    nice -n 10 .venv/bin/python bench/decision_fanout.py [--db sqlite|postgres] [--supporters 10000]
        [--rounds 3]

Migrates a fresh bench database (SQLite under /tmp, or PostgreSQL `agora_fanout_bench`, created
and dropped), bulk-inserts the supporters, then times the moderator's request hiding a published
idea (`--rounds` ideas of each size): the request records the author's notice and one job for
the supporters, and answers. The job queue is the default SQLite Huey in the bench's instance
folder; afterwards the worker's work is run here (fan-out, then one mail job per notice) and
timed, and the mails in the outbox (the development one: a file per message) are counted: one
for each author and supporter.
"""

import argparse
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.accounts.models import User  # noqa: E402
from app.config import TestConfig, _database_url  # noqa: E402
from app.extensions import db  # noqa: E402
from app.votes.models import Vote  # noqa: E402
from tests.factories import make_idea, make_user  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgresql://postgres@127.0.0.1:5432/agora_fanout_bench"


def _config(uri, instance):
    return type(
        "BenchConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": uri,
            "INSTANCE_DIR": instance,
            "UPLOAD_DIR": instance / "uploads",
            "JOBS_IMMEDIATE": False,
            "MAIL_BACKEND": "app.core.outbox.EmailBackend",
            "OUTBOX_DIR": instance / "outbox",
            "PROPAGATE_EXCEPTIONS": True,
        },
    )


def _pg(action):
    engine = create_engine(_database_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS agora_fanout_bench WITH (FORCE)"))
        if action == "create":
            conn.execute(text("CREATE DATABASE agora_fanout_bench"))
    engine.dispose()


def _supporters(template, count, offset):
    row = {c.name: getattr(template, c.key) for c in User.__table__.columns if c.name != "id"}
    rows = [
        {
            **row,
            "email": f"supporter{offset + n}@example.org",
            "display_name": f"Supporter {offset + n}",
            "session_token": secrets.token_urlsafe(32),
        }
        for n in range(count)
    ]
    last = db.session.scalar(select(func.max(User.id)))
    db.session.execute(insert(User), rows)
    return db.session.scalars(select(User.id).where(User.id > last)).all()


def _idea_with(template, count, offset):
    idea = make_idea(title=f"Idée {offset}")
    ids = _supporters(template, count, offset) if count else []
    db.session.execute(insert(Vote), [{"user_id": uid, "idea_id": idea.id} for uid in ids])
    idea.support_count = len(ids)
    db.session.commit()
    return idea.id


def _count(outbox):
    """Messages in the development outbox (one file per Message-ID, app/core/outbox.py)."""
    return sum(1 for _ in outbox.glob("*.eml")) if outbox.is_dir() else 0


def _decide(client, idea_id):
    idea = db.session.get(db.Model.registry._class_registry["Idea"], idea_id)
    data = {"version": idea.updated_at.isoformat(), "reason": "spam"}
    start = time.perf_counter()
    response = client.post(f"/moderation/ideas/{idea_id}/hide", data=data)
    elapsed = time.perf_counter() - start
    assert response.status_code == 302, response.status_code
    return elapsed * 1000


def run(uri, instance, supporters, rounds):
    app = create_app(_config(uri, instance))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        moderator = make_user(role="moderator")
        template = make_user()
        db.session.commit()
        sizes = {10: [], supporters: []}
        warm_up = _idea_with(template, 1, 1)
        offset = 1_000_000
        for size in sizes:
            for _ in range(rounds):
                sizes[size].append(_idea_with(template, size, offset))
                offset += 1_000_000
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = moderator.get_id()
            session["_fresh"] = True
        _decide(client, warm_up)  # the first request compiles templates and statements
        huey = app.extensions["jobs"].huey
        huey.flush()
        outbox = instance / "outbox"
        shutil.rmtree(outbox, ignore_errors=True)
        # Interleaved, so that both sizes see the same load on a shared machine.
        times = {size: [] for size in sizes}
        for round_ in range(rounds):
            for size, ideas in sizes.items():
                times[size].append(_decide(client, ideas[round_]))
        medians = {}
        for size, measured in times.items():
            medians[size] = statistics.median(measured)
            print(
                f"  decision on an idea with {size:>6,} supporters: "
                f"median {medians[size]:7.1f} ms, best {min(measured):7.1f} ms, "
                f"mails sent meanwhile {_count(outbox)}"
            )
        print(f"  ratio {supporters:,} / 10 supporters: {medians[supporters] / medians[10]:.2f}")
        start, tasks = time.perf_counter(), 0
        while (task := huey.dequeue()) is not None:
            huey.execute(task)
            tasks += 1
        drained = time.perf_counter() - start
        expected = rounds * (10 + supporters) + 2 * rounds
        print(f"  worker: {tasks:,} tasks in {drained:.1f} s; mails in the outbox {_count(outbox):,}")
        print(f"  (expected {expected:,}: one for each author and supporter)")
        assert _count(outbox) == expected
        db.engine.dispose()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--supporters", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        instance = Path(tmp)
        print(f"{args.db}: hiding a published idea, {args.rounds} ideas of each size")
        if args.db == "postgres":
            _pg("create")
            try:
                run(_database_url(PG_BENCH), instance, args.supporters, args.rounds)
            finally:
                _pg("drop")
        else:
            run(f"sqlite:///{instance / 'bench.db'}", instance, args.supporters, args.rounds)


if __name__ == "__main__":
    main()
