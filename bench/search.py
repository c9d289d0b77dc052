"""Search benchmark: one search for the list, the map, the API and the moderation queue.

    .venv/bin/python bench/search.py [--ideas 100000] [--million] [--db sqlite|postgres|both]

Fills a database with synthetic published ideas (app.demo.synthetic, as bench/map.py does), adds
a few ideas with a rare word (half of them waiting for moderation), then times each surface
through the Flask test client (server times, p50 of RUNS) for a word in every idea, a common word
and a rare one, and prints the plan of the list's queries: each must read `idea_terms` through
its index, never scan it or `ideas`.
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.config import _database_url  # noqa: E402
from app.demo.synthetic import refresh_statistics, seed_synthetic_ideas  # noqa: E402
from app.extensions import db  # noqa: E402
from app.ideas.models import Idea  # noqa: E402
from app.ideas.queries import filtered_ideas, sorted_ideas  # noqa: E402
from app.ideas.search import matching_count_query  # noqa: E402
from bench.map import _drop_postgres, _recreate_postgres, bench_config  # noqa: E402
from tests.factories import make_category, make_user  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/agora_bench_search"
RUNS = 7
CITY = "-7.80,33.45,-7.35,33.68"
# In every synthetic description; in one title of 14; in RARE ideas only.
WORDS = {"every idea": "proposition", "common": "ombre", "rare": "zellige"}
RARE = 10


def _median_ms(client, url):
    client.get(url)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def _rare_ideas():
    category = make_category(slug="bench-rare")
    author = make_user(email="rare@bench.local")
    for i in range(RARE):
        db.session.add(
            Idea(
                title=f"Fresque en zellige {i}",
                description="Un mur de l'école décoré par les habitants.",
                category=category,
                author=author,
                status="published" if i % 2 else "pending",
                lng=-7.62 + i * 0.001,
                lat=33.59,
            )
        )
    moderator = make_user(email="moderator@bench.local", role="moderator")
    db.session.commit()
    return moderator.get_id()


def _surfaces(word):
    return {
        "list": f"/ideas?q={word}",
        "API": f"/api/v1/ideas?q={word}",
        "map": f"/api/v1/ideas.geojson?bbox={CITY}&zoom=12&q={word}",
        "queue": f"/moderation?q={word}",
    }


def _plain():
    """The same pages without a search: what a search adds is the difference."""
    return [url.replace("?q=", "?").replace("&q=", "") for url in _surfaces("").values()]


def _plans(connection, word):
    """The statements the list (its count and page), the API and the queue run for `word`."""
    stmt = filtered_ideas(q=word)
    pending = filtered_ideas(statuses=("pending",), q=word)
    statements = {
        "list count": matching_count_query(connection, word, ("published",)),
        "list page": sorted_ideas(stmt).limit(20),
        "API page": stmt.order_by(Idea.support_count.desc(), Idea.id.desc()).limit(51),
        "queue count": select(func.count()).select_from(pending.subquery()),
    }
    plans = {}
    for name, statement in statements.items():
        sql = statement.compile(connection, compile_kwargs={"literal_binds": True})
        if connection.dialect.name == "postgresql":
            rows = connection.execute(text(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")).scalars()
        else:
            rows = (row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        plans[name] = list(rows)
    return plans


def _scans(plan):
    """Lines of a plan that read a whole table (ideas or idea_terms) rather than an index range."""
    whole = re.compile(r"Seq Scan on (ideas|idea_terms)\b|^SCAN (ideas|idea_terms)\b")
    return [line for line in plan if whole.search(line.strip())]


def run_database(name, n, pg_url):
    with tempfile.TemporaryDirectory(prefix="agora-bench-") as tmp:
        instance = Path(tmp)
        if name == "sqlite":
            uri = f"sqlite:///{instance / 'bench.db'}"
        else:
            _recreate_postgres(pg_url)
            uri = _database_url(pg_url)
        app = create_app(bench_config(uri, instance))
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            seed_synthetic_ideas(n, app.config["SERVICE_AREA_BBOX"], seed=n)
            db.session.commit()
            moderator = _rare_ideas()
            refresh_statistics(db.engine)
            seeded = time.perf_counter() - start
            terms = db.session.scalar(text("SELECT count(*) FROM idea_terms"))
        print(f"\n## {name}: {n:,} ideas, {terms:,} index rows, seeded in {seeded:.0f} s\n", flush=True)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = moderator
            session["_fresh"] = True
        print("| word | ideas matching | list ms | API ms | map ms | queue ms |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        times = [f"{_median_ms(client, url):.1f}" for url in _plain()]
        print(f"| (no search) | {n + RARE // 2:,} | " + " | ".join(times) + " |", flush=True)
        plans = {}
        for kind, word in WORDS.items():
            with app.app_context():
                found = db.session.scalar(select(func.count()).select_from(filtered_ideas(q=word).subquery()))
                plans[kind] = _plans(db.session.connection(), word)
            times = [f"{_median_ms(client, url):.1f}" for url in _surfaces(word).values()]
            print(f"| {kind} ({word}) | {found:,} | " + " | ".join(times) + " |", flush=True)
        for kind, by_query in plans.items():
            for query, plan in by_query.items():
                scans = _scans(plan)
                verdict = f"SCAN {scans}" if scans else "indexes only"
                print(f"\n{name}, {kind} word, {query}: {verdict}")
                print("\n".join(f"    {line}" for line in plan))
        with app.app_context():
            db.engine.dispose()
        if name == "postgres":
            _drop_postgres(pg_url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--million", action="store_true", help="1,000,000 ideas (run it once, alone).")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database to create and drop.")
    args = parser.parse_args()
    n = 1_000_000 if args.million else args.ideas
    for name in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        run_database(name, n, args.pg_url)


if __name__ == "__main__":
    main()
