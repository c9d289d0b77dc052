"""Moderation queue benchmark: first page time with 1M ideas of which 100k pending.

    nice -n 10 .venv/bin/python bench/moderation.py [--db sqlite|postgres|both] [--ideas 1000000]
        [--pending 100000] [--runs 30] [--explain]

For each database it migrates a fresh bench database (SQLite file under /tmp, PostgreSQL
`agora_mod_bench`, created and dropped), bulk-inserts users, ideas, votes-free reports with Core
inserts, builds the map cells, analyses it, then times the queue's first page: the whole request
(signed-in moderator, rendered HTML, staff menu count, each item's possible duplicates) on a
first visit, when every item's duplicates are searched, and reopened, as after each decision,
when they are remembered while nothing changed around the items; the queries alone; and the
duplicate search alone for one idea and for the first page. Prints median, 95th percentile and
best run in milliseconds (wall clock; on a shared machine the best run is the closest to the
uncontended cost). --explain prints the duplicate query's plan.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from app.config import TestConfig, _database_url  # noqa: E402
from app.extensions import db  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgresql://postgres@127.0.0.1:5432/agora_mod_bench"
BBOX = (-7.80, 33.45, -7.35, 33.68)
WORDS = (
    "bench",
    "shade",
    "tree",
    "crossing",
    "bus",
    "shelter",
    "lane",
    "bike",
    "park",
    "light",
    "fountain",
    "sidewalk",
    "square",
    "tram",
    "stop",
    "market",
    "school",
    "street",
    "garden",
    "mural",
)
CHUNK = 20_000


def _config(uri, instance):
    return type(
        "BenchConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": uri,
            "INSTANCE_DIR": instance,
            "UPLOAD_DIR": instance / "uploads",
            "OUTBOX_DIR": instance / "outbox",
            "TESTING": False,
            "PROPAGATE_EXCEPTIONS": True,
        },
    )


def _pg_database(action):
    engine = create_engine(_database_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS agora_mod_bench WITH (FORCE)"))
        if action == "create":
            conn.execute(text("CREATE DATABASE agora_mod_bench"))
    engine.dispose()


def _seed(n_ideas, n_pending, n_users=20_000, n_reported=2_000):
    from app.accounts.models import User
    from app.ideas.models import Category, Idea
    from app.mapindex.aggregates import rebuild_cells
    from app.moderation.models import Report, recount_open_reports

    rng = random.Random(42)
    now = datetime(2026, 11, 1)
    conn = db.session.connection()
    conn.execute(
        insert(Category),
        [
            {
                "slug": f"c{i}",
                "theme": "mobility",
                "name_fr": f"Catégorie {i}",
                "name_ar": f"فئة {i}",
                "name_en": f"Category {i}",
                "color": "#1f6f8b",
                "position": i,
                "is_active": True,
            }
            for i in range(8)
        ],
    )
    for start in range(0, n_users, CHUNK):
        conn.execute(
            insert(User),
            [
                {
                    "email": f"u{i}@bench.local",
                    "display_name": f"Resident {i}",
                    "password_hash": "x",
                    "language": ("fr", "ar", "en")[i % 3],
                    "role": "moderator" if i == 0 else "citizen",
                    "created_at": now - timedelta(days=rng.randint(1, 900)),
                    "is_blocked": False,
                }
                for i in range(start, min(start + CHUNK, n_users))
            ],
        )
    pending = set(rng.sample(range(n_ideas), n_pending))
    for start in range(0, n_ideas, CHUNK):
        rows = []
        for i in range(start, min(start + CHUNK, n_ideas)):
            created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 700))
            status = "pending" if i in pending else rng.choice(("published",) * 8 + ("rejected", "hidden"))
            rows.append(
                {
                    "title": " ".join(rng.sample(WORDS, 3)).capitalize(),
                    "description": "Bench idea text.",
                    "category_id": rng.randint(1, 8),
                    "lat": rng.uniform(BBOX[1], BBOX[3]),
                    "lng": rng.uniform(BBOX[0], BBOX[2]),
                    "approximate": False,
                    "author_id": rng.randint(2, n_users),
                    "status": status,
                    "source": "creathon" if i % 50 == 0 else "citizen",
                    "language": "fr",
                    "support_count": 0,
                    "created_at": created,
                    "updated_at": created,
                    "published_at": created if status == "published" else None,
                }
            )
        conn.execute(insert(Idea), rows)
    published = [i + 1 for i in rng.sample(range(n_ideas), n_reported * 2) if i not in pending][:n_reported]
    conn.execute(
        insert(Report),
        [
            {
                "idea_id": idea_id,
                "reporter_id": rng.randint(2, n_users),
                "target": "idea",
                "reason": "spam",
                "status": "open",
                "created_at": now,
            }
            for idea_id in published
        ],
    )
    # Core inserts skip the ORM hooks that keep the map keys and cells (which also count the
    # queue) and each idea's count of open reports: build them as the hooks would have.
    rebuild_cells(conn)
    for idea_id in published:
        recount_open_reports(conn, idea_id)
    db.session.commit()


def _analyse():
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def _timed(fn, runs):
    fn()  # warm caches and compiled statements
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], times[0]


def _print_plan(fn):
    """The database's plan for the last statement `fn` runs (to see which indexes it uses)."""
    from sqlalchemy import event

    statements = []

    def grab(_conn, _cursor, statement, params, _context, _many):
        statements.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)
    statement, params = statements[-1]
    prefix = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
    cursor = db.session.connection().connection.driver_connection.cursor()
    cursor.execute(prefix + statement, params)
    print("\n".join("  plan: " + str(row[-1]) for row in cursor.fetchall()))
    db.session.rollback()


def run(name, uri, args):
    from app.ideas.models import Idea
    from app.moderation import duplicates, queries

    instance = Path(tempfile.mkdtemp(prefix="agora-mod-bench-"))
    app = create_app(_config(uri, instance))
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        start = time.perf_counter()
        _seed(args.ideas, args.pending)
        seeded = time.perf_counter() - start
        _analyse()
        moderator_id = 1

        def queue_queries():
            with app.test_request_context("/moderation"):
                page = queries.moderation_queue(queries.QueueFilters())
                ideas = queries.queue_ideas(page)
                queries.author_stats([i.author_id for i in page.items])
                queries.open_reports_by_idea([i.id for i in ideas])
                duplicates.duplicates_by_idea(ideas)
                db.session.rollback()

        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = f"{moderator_id}:0"
            session["_fresh"] = True

        def queue_request():
            response = client.get("/moderation")
            assert response.status_code == 200, response.status_code

        sample = db.session.scalars(db.select(Idea).where(Idea.status == "pending").limit(1)).first()

        def idea_duplicates():
            duplicates.forget_found()
            duplicates.possible_duplicates(sample)
            db.session.rollback()

        with app.test_request_context("/moderation"):
            # Plain copies: the rollback after each run would expire ORM objects and time reloads.
            first_page = [
                SimpleNamespace(id=i.id, title=i.title, lat=i.lat, lng=i.lng, is_placed=i.is_placed)
                for i in queries.queue_ideas(queries.moderation_queue(queries.QueueFilters()))
            ]

        def page_duplicates():
            duplicates.forget_found()
            duplicates.duplicates_by_idea(first_page)
            db.session.rollback()

        if args.explain:
            _print_plan(lambda: duplicates.duplicates_by_idea(first_page))

        # Once with nothing remembered (after a first request has compiled the templates): the
        # duplicates of all 20 items are searched. The timed runs then reopen the same page.
        queue_request()
        duplicates.forget_found()
        start = time.perf_counter()
        queue_request()
        cold = (time.perf_counter() - start) * 1000
        figures = {
            "queue page, first visit": (cold, cold, cold),
            "queue queries": _timed(queue_queries, args.runs),
            "queue page reopened (full request)": _timed(queue_request, args.runs),
            "duplicates of one idea": _timed(idea_duplicates, args.runs),
            "duplicates of the first page, searched": _timed(page_duplicates, args.runs),
        }
        db.session.remove()
        db.engine.dispose()
    print(
        f"\n{name}: {args.ideas:,} ideas, {args.pending:,} pending, 2,000 reported (seeded in {seeded:.0f} s)"
    )
    for label, (median, p95, best) in figures.items():
        print(f"  {label:<38} median {median:6.1f} ms   p95 {p95:6.1f} ms   best {best:6.1f} ms")
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--ideas", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--explain", action="store_true", help="print the page's duplicate query plan")
    args = parser.parse_args()
    if args.db in ("sqlite", "both"):
        path = Path(tempfile.gettempdir()) / "agora_mod_bench.db"
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
