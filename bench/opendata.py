"""Open-data benchmark: export time, time to first byte and peak memory of the ideas downloads.

    .venv/bin/python bench/opendata.py [--sizes 10000,100000] [--db sqlite|postgres|both]
    .venv/bin/python bench/opendata.py --large [--db both]     # 100,000 then 1,000,000 ideas

Each database is filled incrementally with the map benchmark's bulk loader. Every download
runs in a fresh Python process (so that its peak RSS is the download's own, not the
seeding's), through the Flask test client without buffering: chunks are read as they come.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.map import PG_URL, _drop_postgres, _recreate_postgres, bench_config, fill_to  # noqa: E402

QUICK_SIZES = (10_000, 100_000)
LARGE_SIZES = (100_000, 1_000_000)
DOWNLOADS = ("/open-data/ideas.csv", "/open-data/ideas.geojson")


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export(uri, instance, path):
    """Child process: one download, read chunk by chunk; prints its figures as JSON."""
    from app import create_app

    app = create_app(bench_config(uri, Path(instance)))
    client = app.test_client()
    client.get("/open-data/districts.csv").close()  # imports, templates and the pool warmed up
    before = _peak_mb()
    start = time.perf_counter()
    response = client.get(path, buffered=False)
    first, size, lines = None, 0, 0
    for chunk in response.response:
        if first is None:
            first = time.perf_counter() - start
        size += len(chunk)
        lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
    response.close()
    total = time.perf_counter() - start
    print(json.dumps({"first": first, "total": total, "bytes": size, "before": before, "peak": _peak_mb()}))


def measure(uri, instance, path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, __file__, "--export", uri, str(instance), path],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_database(name, sizes, pg_url):
    from flask_migrate import upgrade

    from app import create_app
    from app.config import _database_url
    from app.extensions import db

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
        for size in sizes:
            added, seconds = fill_to(app, size)
            print(f"  {name}: {added} ideas added in {seconds:.1f} s", file=sys.stderr, flush=True)
            with app.app_context():
                db.engine.dispose()
            for path in DOWNLOADS:
                figures = measure(uri, instance, path)
                yield name, size, path.rsplit(".", 1)[1], figures
        with app.app_context():
            db.engine.dispose()
        if name == "postgres":
            _drop_postgres(pg_url)


HEADER = (
    "| db | ideas | format | size | first byte | export time | peak RSS (before the download) |\n"
    "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--export":
        export(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, QUICK_SIZES)),
        type=lambda v: sorted(int(s) for s in v.split(",")),
    )
    parser.add_argument("--large", action="store_true", help="100,000 then 1,000,000 ideas.")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database to create and drop.")
    args = parser.parse_args()
    if args.large:
        args.sizes = list(LARGE_SIZES)
    print(HEADER, flush=True)
    for name in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        for db_name, size, fmt, f in run_database(name, args.sizes, args.pg_url):
            print(
                f"| {db_name} | {size:,} | {fmt} | {f['bytes'] / 1e6:.0f} MB | {f['first'] * 1000:.0f} ms"
                f" | {f['total']:.1f} s | {f['peak']:.0f} MB ({f['before']:.0f} MB) |",
                flush=True,
            )


if __name__ == "__main__":
    main()
