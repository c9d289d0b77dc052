"""Dashboard benchmark: server time of the dashboard's first paint at a large number of ideas,
and the time to recompute its aggregates, next to /healthz in the same run.

    .venv/bin/python bench/dashboard.py [--ideas 100000] [--db sqlite|postgres|both]
    .venv/bin/python bench/dashboard.py --ideas 1000000 --db both

The ideas come from the map benchmark's bulk loader (published, French, citizens'); this script
then spreads them over the illustrative districts (with populations), three languages, both
sources and a few statuses, gives half of them a support and a tenth of them a decision, so
that the aggregate tables hold as many rows as a real city's would. Requests go through the
Flask test client: the times are the server's, without network.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select, text  # noqa: E402

from bench.map import _drop_postgres, _recreate_postgres, bench_config, fill_to  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/agora_bench_dashboard"
RUNS = 30
VOTERS = 200
PAGES = {
    "first paint (last 12 months)": "/dashboard",
    "all periods": "/dashboard?period=all",
    "one category, one district": None,  # built once the slugs are known
    "CSV of the districts": "/dashboard/districts.csv?period=all",
}


def spread(app):
    """Districts, languages, sources, statuses, supports and decisions over the bulk ideas (raw
    SQL on the bench database only; the map index does not copy any of these but the district,
    which the dashboard does not read from it)."""
    from app.accounts.models import User
    from app.extensions import db
    from app.ideas.models import District, Idea

    with app.app_context():
        districts = db.session.scalars(select(District.id).order_by(District.id)).all()
        for number, district_id in enumerate(districts):
            db.session.execute(
                text("UPDATE districts SET population = :p WHERE id = :id"),
                {"p": 40_000 + 17_000 * number, "id": district_id},
            )
        count = len(districts)
        first = districts[0]
        db.session.execute(
            text(
                "UPDATE ideas SET"
                " district_id = CASE WHEN id % 23 = 0 THEN NULL ELSE :first + id % :count END,"
                " language = CASE id % 5 WHEN 0 THEN 'ar' WHEN 1 THEN 'en' ELSE 'fr' END,"
                " source = CASE WHEN id % 20 = 0 THEN 'creathon' ELSE 'citizen' END,"
                " status = CASE id % 50 WHEN 0 THEN 'pending' WHEN 1 THEN 'rejected' ELSE 'published' END"
            ),
            {"first": first, "count": count},
        )
        author = db.session.scalar(select(User).where(User.email.like("%synthetic%"))) or db.session.scalar(
            select(User).order_by(User.id)
        )
        have = db.session.scalar(select(func.count()).select_from(User))
        db.session.execute(
            insert(User.__table__),
            [
                {
                    "email": f"voter{have + n}@bench.invalid",
                    "display_name": f"Voter {n}",
                    "password_hash": author.password_hash,
                    "language": "fr",
                    "role": "citizen",
                    "session_token": f"bench-{have + n}",
                }
                for n in range(VOTERS)
            ],
        )
        base = db.session.scalar(select(func.min(User.id)).where(User.email.like("voter%@bench.invalid")))
        db.session.execute(
            text(
                "INSERT INTO votes (user_id, idea_id, created_at)"
                " SELECT :base + id % :voters, id, created_at FROM ideas WHERE id % 2 = 0"
            ),
            {"base": base, "voters": VOTERS},
        )
        db.session.execute(text("UPDATE ideas SET support_count = 1 - id % 2"))
        db.session.execute(
            text(
                "INSERT INTO moderation_actions (actor_id, action, idea_id, created_at)"
                " SELECT :actor, CASE WHEN status = 'rejected' THEN 'reject' ELSE 'approve' END, id,"
                " COALESCE(published_at, created_at) FROM ideas WHERE id % 10 IN (0, 1)"
            ),
            {"actor": author.id},
        )
        db.session.commit()
        return db.session.scalar(select(func.count()).select_from(Idea))


def timed(client, path, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), sorted(times)[int(len(times) * 0.95) - 1]


def measure(app):
    from app.dashboard.aggregates import refresh_figures
    from app.dashboard.models import IdeaFigure, SupportFigure
    from app.extensions import db
    from app.ideas.models import Category, District

    with app.app_context():
        start = time.perf_counter()
        refresh_figures(db.session.connection())
        db.session.commit()
        refresh = time.perf_counter() - start
        tables = (IdeaFigure, SupportFigure)
        rows = sum(db.session.scalar(select(func.count()).select_from(m)) for m in tables)
        category = db.session.scalar(select(Category.slug).order_by(Category.id))
        district = db.session.scalar(select(District.slug).order_by(District.id))
    filtered = f"/dashboard?category={category}&district={district}"
    pages = dict(PAGES, **{"one category, one district": filtered})
    client = app.test_client()
    for path in [*pages.values(), "/healthz"]:
        client.get(path)  # templates compiled, connections open
    health, _ = timed(client, "/healthz")
    results = {name: timed(client, path) for name, path in pages.items()}
    return refresh, rows, health, results


def run_database(name, size, pg_url):
    from flask_migrate import upgrade

    from app import create_app
    from app.config import _database_url
    from app.extensions import db
    from app.ideas.demo import seed_demo_districts

    with tempfile.TemporaryDirectory(prefix="agora-bench-") as tmp:
        instance = Path(tmp)
        if name == "sqlite":
            uri = f"sqlite:///{instance / 'bench.db'}"
        else:
            _recreate_postgres(pg_url)
            uri = _database_url(pg_url)
        config = type("DashboardBench", (bench_config(uri, instance),), {"DASHBOARD_MAX_AGE": 10**9})
        app = create_app(config)
        with app.app_context():
            upgrade()
            # Before the ideas: importing districts over a million ideas places each of them
            # through the ORM (the map index follows), which is not what this bench measures.
            seed_demo_districts()
            db.session.commit()
        added, seconds = fill_to(app, size)
        print(f"  {name}: {added:,} ideas added in {seconds:.1f} s", file=sys.stderr, flush=True)
        spread(app)
        if name == "postgres":
            with app.app_context(), db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
        refresh, rows, health, results = measure(app)
        print(f"  load average: {' '.join(f'{v:.1f}' for v in os.getloadavg())}", file=sys.stderr, flush=True)
        with app.app_context():
            db.engine.dispose()
        if name == "postgres":
            _drop_postgres(pg_url)
        return refresh, rows, health, results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database to create and drop.")
    args = parser.parse_args()
    print("| db | ideas | aggregates: refresh, rows | page | p50 ms | p95 ms | /healthz p50 ms | ratio |")
    print("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |", flush=True)
    for name in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        refresh, rows, health, results = run_database(name, args.ideas, args.pg_url)
        for page, (p50, p95) in results.items():
            print(
                f"| {name} | {args.ideas:,} | {refresh:.1f} s, {rows:,} rows | {page} | {p50:.0f} | {p95:.0f}"
                f" | {health:.1f} | {p50 / health:.0f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main()
