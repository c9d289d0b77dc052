"""Map benchmark: map page, GeoJSON p50/p95 and the naive folium page, at several sizes.

    .venv/bin/python bench/map.py [--sizes 1000,10000,100000,1000000] [--db sqlite|postgres|both]

Each database is filled incrementally (1k, then up to 10k, ...) with `seed-demo --ideas`'s
bulk loader; requests go through the Flask test client, so times are server times.
"""

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import psycopg  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from folium.plugins import MarkerCluster  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app import create_app  # noqa: E402
from app.config import Config, _database_url  # noqa: E402
from app.demo.synthetic import refresh_statistics, seed_synthetic_ideas  # noqa: E402
from app.extensions import db  # noqa: E402
from app.ideas.models import Category, Idea  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/agora_bench"
SIZES = (1_000, 10_000, 100_000, 1_000_000)
VIEWPORT = (1280, 800)  # pixels of a desktop map
CITY_CENTRE = (-7.59, 33.565)
DOWNTOWN = (-7.62, 33.59)
RUNS = 40
TEXT_RUNS = 10  # the text filter: fewer runs (a short text still reads the whole box)
NAIVE_SIZES = {1_000: 3, 10_000: 1}  # size -> runs


def viewport_bbox(lng, lat, zoom):
    """The box a VIEWPORT-sized map centred on (lng, lat) shows at `zoom`."""
    scale = 256 * 2**zoom
    x = (lng + 180) / 360 * scale
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * scale

    def to_lnglat(px, py):
        return px / scale * 360 - 180, math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

    west, north = to_lnglat(x - VIEWPORT[0] / 2, y - VIEWPORT[1] / 2)
    east, south = to_lnglat(x + VIEWPORT[0] / 2, y + VIEWPORT[1] / 2)
    return west, south, east, north


def bench_config(uri, instance):
    return type(
        "BenchConfig",
        (Config,),
        {
            "SQLALCHEMY_DATABASE_URI": uri,
            "INSTANCE_DIR": instance,
            "RATELIMIT_ENABLED": False,
            "UPLOAD_DIR": instance / "uploads",
            "OUTBOX_DIR": instance / "outbox",
        },
    )


def timed(fn, runs):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return times, result


def p50_p95(times):
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def geojson_times(client, centre, zoom, spread, extra, rng, runs=RUNS):
    """Requests on viewports panned around `centre` (so no two are the same)."""
    urls = []
    for _ in range(runs):
        lng, lat = centre[0] + rng.uniform(-spread, spread), centre[1] + rng.uniform(-spread, spread) * 0.8
        bbox = ",".join(f"{v:.6f}" for v in viewport_bbox(lng, lat, zoom))
        urls.append(f"/api/v1/ideas.geojson?bbox={bbox}&zoom={zoom}{extra}")
    for url in urls[:3]:
        assert client.get(url).status_code == 200
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200 and len(response.get_json(force=True)["features"]) <= 500
    return "%.1f / %.1f" % p50_p95(times)


def map_page(app, client):
    if "ideas.map" not in app.view_functions:
        return "n/a"
    client.get("/map")
    times, response = timed(lambda: client.get("/map"), 20)
    assert response.status_code == 200
    return "%.0f KB, %.1f ms" % (len(response.data) / 1024, statistics.median(times))


def naive_page(app):
    """One folium.Marker per published idea in a MarkerCluster, as a map without the API would."""
    with app.app_context():
        rows = db.session.execute(
            select(Idea.lat, Idea.lng, Idea.title).where(Idea.status == "published", Idea.lat.is_not(None))
        ).all()
        fmap = folium.Map(location=app.config["MAP_CENTER"], zoom_start=12)
        cluster = MarkerCluster().add_to(fmap)
        for lat, lng, title in rows:
            folium.Marker([lat, lng], popup=title).add_to(cluster)
        return fmap.get_root().render()


def measure(app, size, rng):
    client = app.test_client()
    with app.app_context():
        slug = db.session.execute(select(Category.slug).order_by(Category.id)).scalars().first()
    row = {"map": map_page(app, client)}
    row["z11"] = geojson_times(client, CITY_CENTRE, 11, 0.05, "", rng)
    row["z11cat"] = geojson_times(client, CITY_CENTRE, 11, 0.05, f"&category={slug}", rng)
    row["z15"] = geojson_times(client, DOWNTOWN, 15, 0.02, "", rng)
    row["z15cat"] = geojson_times(client, DOWNTOWN, 15, 0.02, f"&category={slug}", rng)
    row["q"] = geojson_times(client, CITY_CENTRE, 11, 0.05, "&q=ombre", rng, TEXT_RUNS)
    if size in NAIVE_SIZES:
        times, html = timed(lambda: naive_page(app), NAIVE_SIZES[size])
        row["naive"] = "%.0f KB, %.0f ms" % (len(html) / 1024, statistics.median(times))
    else:
        row["naive"] = "—"
    return row


def fill_to(app, target):
    with app.app_context():
        have = db.session.execute(select(func.count()).select_from(Idea)).scalar_one()
        start = time.perf_counter()
        seed_synthetic_ideas(target - have, app.config["SERVICE_AREA_BBOX"], seed=target)
        db.session.commit()
        refresh_statistics(db.engine)
        return target - have, time.perf_counter() - start


def run_database(name, sizes, pg_url):
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
        rng = random.Random(42)
        for size in sizes:
            added, seconds = fill_to(app, size)
            print(f"  {name}: {added} ideas added in {seconds:.1f} s", file=sys.stderr, flush=True)
            row = measure(app, size, rng)
            row.update(db=name, n=size, seed=f"+{added:,} in {seconds:.1f} s")
            load = " ".join(f"{v:.1f}" for v in os.getloadavg())
            print(f"  load average: {load}", file=sys.stderr, flush=True)
            yield row
        with app.app_context():
            db.engine.dispose()
        if name == "postgres":
            _drop_postgres(pg_url)


def _admin(pg_url):
    base, _, _db = pg_url.rpartition("/")
    return psycopg.connect(f"{base}/postgres", autocommit=True), _db


def _recreate_postgres(pg_url):
    _drop_postgres(pg_url)
    connection, name = _admin(pg_url)
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres(pg_url):
    connection, name = _admin(pg_url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


HEADER = (
    "| db | ideas | seeding | /map page | GeoJSON city z11 p50/p95 ms | z11 + category | "
    "neighbourhood z15 | z15 + category | z11 + text q | naive folium page |\n"
    "| --- | ---: | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), type=lambda v: sorted(int(s) for s in v.split(","))
    )
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database to create and drop.")
    args = parser.parse_args()
    print(HEADER, flush=True)
    for name in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        for row in run_database(name, args.sizes, args.pg_url):
            keys = ("db", "n", "seed", "map", "z11", "z11cat", "z15", "z15cat", "q", "naive")
            cells = [row[k] for k in keys]
            cells[1] = f"{cells[1]:,}"
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
