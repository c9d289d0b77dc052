"""Moderation team pages benchmark: the audit log, its exports and the statistics at scale.

    nice -n 10 .venv/bin/python bench/moderation_team.py [--db sqlite|postgres|both]
        [--ideas 100000] [--actions 300000] [--runs 15]

Migrates a fresh database (SQLite under /tmp, or PostgreSQL `agora_team_bench`, created and
dropped), inserts users (20 moderators), ideas (a tenth pending, a tenth of those claimed) and
audit log entries with Core inserts, then times whole requests as a signed-in moderator: the
audit log's first page unfiltered and searched by moderator and dates, its CSV and XLSX exports
(50,000 rows at most), the statistics page and the queue's "My items" view. Prints median, 95th
percentile and best run in milliseconds.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.config import TestConfig, _database_url  # noqa: E402
from app.extensions import db  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgresql://postgres@127.0.0.1:5432/agora_team_bench"
CHUNK = 20_000
MODERATORS = 20


def _config(uri, instance):
    settings = {
        "SQLALCHEMY_DATABASE_URI": uri,
        "INSTANCE_DIR": instance,
        "UPLOAD_DIR": instance / "uploads",
        "OUTBOX_DIR": instance / "outbox",
        "TESTING": False,
        "PROPAGATE_EXCEPTIONS": True,
    }
    return type("BenchConfig", (TestConfig,), settings)


def _pg_database(action):
    engine = create_engine(_database_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS agora_team_bench WITH (FORCE)"))
        if action == "create":
            conn.execute(text("CREATE DATABASE agora_team_bench"))
    engine.dispose()


def _seed(n_ideas, n_actions):
    from app.accounts.models import User
    from app.ideas.models import Category, Idea
    from app.mapindex.aggregates import rebuild_cells
    from app.moderation.models import Claim, ModerationAction

    rng = random.Random(7)
    now = datetime.utcnow().replace(microsecond=0)  # noqa: DTZ003 (naive UTC, as the app stores)
    conn = db.session.connection()
    conn.execute(
        insert(Category),
        [
            {
                "slug": f"c{i}",
                "theme": "mobility",
                "name_fr": f"C {i}",
                "name_ar": f"ف {i}",
                "name_en": f"C {i}",
            }
            for i in range(8)
        ],
    )
    users = [
        {
            "email": f"u{i}@bench.local",
            "display_name": f"Person {i}",
            "password_hash": "x",
            "language": "fr",
            "role": "moderator" if i < MODERATORS else "citizen",
            "is_blocked": False,
        }
        for i in range(2_000)
    ]
    conn.execute(insert(User), users)
    for start in range(0, n_ideas, CHUNK):
        rows = []
        for i in range(start, min(start + CHUNK, n_ideas)):
            pending = i % 10 == 0
            rows.append(
                {
                    "title": f"Bench idea {i}",
                    "description": "Bench idea text.",
                    "category_id": rng.randint(1, 8),
                    "lat": rng.uniform(33.45, 33.68),
                    "lng": rng.uniform(-7.80, -7.35),
                    "author_id": rng.randint(MODERATORS + 1, 2_000),
                    "status": "pending" if pending else "published",
                    "source": "citizen",
                    "created_at": now - timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                    "updated_at": now,
                }
            )
        conn.execute(insert(Idea), rows)
    pending_ids = conn.execute(select(Idea.id).where(Idea.status == "pending")).scalars().all()
    conn.execute(
        insert(Claim),
        [{"idea_id": i, "user_id": 1 + (i % MODERATORS)} for i in pending_ids[: len(pending_ids) // 10]],
    )
    actions = ("approve", "reject", "request_changes", "hide", "restore", "correct", "dismiss_reports")
    for start in range(0, n_actions, CHUNK):
        conn.execute(
            insert(ModerationAction),
            [
                {
                    "actor_id": rng.randint(1, MODERATORS),
                    "action": rng.choice(actions),
                    "idea_id": rng.randint(1, n_ideas),
                    "reason": "off_topic",
                    "created_at": now - timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                }
                for _ in range(start, min(start + CHUNK, n_actions))
            ],
        )
    rebuild_cells(conn)
    db.session.commit()


def _timed(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], times[0]


def run(name, uri, args):
    from app.accounts.models import User

    instance = Path(tempfile.mkdtemp(prefix="agora-team-bench-"))
    app = create_app(_config(uri, instance))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        start = time.perf_counter()
        _seed(args.ideas, args.actions)
        seeded = time.perf_counter() - start
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        moderator = db.session.get(User, 1)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = moderator.get_id()
            session["_fresh"] = True
        since = (datetime.utcnow() - timedelta(days=30)).date().isoformat()  # noqa: DTZ003

        def get(path):
            return lambda: _ok(client.get(path))

        pages = {
            "audit log, first page": get("/moderation/log"),
            "audit log, one moderator, 30 days": get(f"/moderation/log?moderator=3&since={since}"),
            "audit log of one idea": get("/moderation/log?idea=42"),
            "decisions export, CSV (50,000 rows)": get("/moderation/log/export.csv"),
            "decisions export, XLSX (50,000 rows)": get("/moderation/log/export.xlsx"),
            "statistics page": get("/moderation/stats"),
            'queue, "My items"': get("/moderation?assigned=mine"),
        }
        figures = {
            label: _timed(fn, max(3, args.runs // 5) if "export" in label else args.runs)
            for label, fn in pages.items()
        }
        db.session.remove()
        db.engine.dispose()
    print(f"\n{name}: {args.ideas:,} ideas, {args.actions:,} log entries (seeded in {seeded:.0f} s)")
    for label, (median, p95, best) in figures.items():
        print(f"  {label:<38} median {median:7.1f} ms   p95 {p95:7.1f} ms   best {best:7.1f} ms")


def _ok(response):
    assert response.status_code == 200, response.status_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--actions", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if args.db in ("sqlite", "both"):
        path = Path(tempfile.gettempdir()) / "agora_team_bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            run("SQLite", f"sqlite:///{path}", args)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    if args.db in ("postgres", "both"):
        _pg_database("create")
        try:
            run("PostgreSQL", _database_url(PG_BENCH), args)
        finally:
            _pg_database("drop")


if __name__ == "__main__":
    main()
