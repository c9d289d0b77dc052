"""Synthetic published ideas over Casablanca, inserted in bulk (demo data and benchmarks)."""

import random
import secrets
from datetime import timedelta

from sqlalchemy import func, insert, select, text

from app.accounts import services as account_services
from app.core.time import utcnow
from app.extensions import db
from app.geometry.cells import point_key
from app.ideas.categories import ensure_default_categories
from app.ideas.models import Category, Idea
from app.ideas.search_index import index_ideas
from app.mapindex.aggregates import rebuild_cells

SYNTHETIC_AUTHOR = ("synthetic@agora.local", "Agora (données de démonstration)")
BATCH_SIZE = 10_000


# Neighbourhood centres (lng, lat, spread in degrees, weight): ideas gather where people live.
NEIGHBOURHOODS = (
    ("Sidi Belyout", -7.6180, 33.5950, 0.010, 3.0),
    ("Maârif", -7.6330, 33.5820, 0.009, 2.5),
    ("Gauthier", -7.6290, 33.5900, 0.006, 1.5),
    ("Mers Sultan", -7.6030, 33.5780, 0.008, 1.5),
    ("Al Fida", -7.5960, 33.5690, 0.010, 1.5),
    ("Hay Mohammadi", -7.5630, 33.5930, 0.012, 1.2),
    ("Aïn Sebaâ", -7.5370, 33.6040, 0.015, 1.0),
    ("Sidi Bernoussi", -7.5050, 33.6080, 0.015, 1.0),
    ("Ben M'Sick", -7.5750, 33.5500, 0.013, 1.2),
    ("Moulay Rachid", -7.5600, 33.5350, 0.015, 1.0),
    ("Hay Hassani", -7.6700, 33.5630, 0.015, 1.2),
    ("Aïn Chock", -7.6050, 33.5400, 0.013, 1.0),
    ("Anfa", -7.6650, 33.5880, 0.012, 1.0),
    ("Sidi Maârouf", -7.6450, 33.5300, 0.015, 0.8),
    ("Oulfa", -7.6830, 33.5520, 0.012, 0.8),
)
# The Atlantic coast, west to east: no idea is placed north of it.
COAST = (
    (-7.80, 33.545),
    (-7.70, 33.585),
    (-7.66, 33.595),
    (-7.62, 33.608),
    (-7.60, 33.605),
    (-7.55, 33.615),
    (-7.50, 33.630),
    (-7.45, 33.655),
    (-7.40, 33.675),
    (-7.35, 33.700),
)
TITLES = (
    "Un abri à l'arrêt de bus",
    "Des bancs à l'ombre",
    "Un passage piéton sécurisé",
    "Une piste cyclable",
    "Plus d'arbres dans la rue",
    "Un éclairage plus fort",
    "Des poubelles de tri",
    "Un trottoir élargi",
    "Une rampe pour fauteuils roulants",
    "Un parking vélos",
    "Une place piétonne le dimanche",
    "Une fontaine d'eau potable",
    "Un ralentisseur devant l'école",
    "Un jardin de quartier",
)


def _coast_lat(lng):
    for (x0, y0), (x1, y1) in zip(COAST, COAST[1:], strict=False):
        if x0 <= lng <= x1:
            return y0 + (y1 - y0) * (lng - x0) / (x1 - x0)
    return COAST[-1][1]


def synthetic_points(rng, area):
    """Endless (lng, lat, neighbourhood) inside `area` (w, s, e, n), on land, denser downtown."""
    west, south, east, north = area
    weights = [n[4] for n in NEIGHBOURHOODS]
    while True:
        if rng.random() < 0.15:
            lng, lat, name = rng.uniform(west, east), rng.uniform(south, north), None
        else:
            name, cx, cy, spread, _w = rng.choices(NEIGHBOURHOODS, weights)[0]
            lng, lat = rng.gauss(cx, spread), rng.gauss(cy, spread * 0.8)
        if west <= lng <= east and south <= lat <= north and lat < _coast_lat(lng):
            yield lng, lat, name or _nearest(lng, lat)


def _nearest(lng, lat):
    return min(NEIGHBOURHOODS, key=lambda n: (n[1] - lng) ** 2 + (n[2] - lat) ** 2)[0]


def ensure_categories():
    """The categories' ids, creating the default ones when there are none."""
    ids = list(db.session.execute(select(Category.id).order_by(Category.id)).scalars())
    if ids:
        return ids
    ensure_default_categories()
    return list(db.session.execute(select(Category.id).order_by(Category.id)).scalars())


def synthetic_author():
    email, name = SYNTHETIC_AUTHOR
    user = account_services.find_by_email(email)
    if user is None:
        user = account_services.create_user(email, name, secrets.token_urlsafe(24), "fr", "citizen", True)
    return user


def _rows(n, rng, category_ids, author_id, area):
    now = utcnow()
    points = synthetic_points(rng, area)
    for _ in range(n):
        lng, lat, place = next(points)
        created = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
        published = created + timedelta(hours=rng.randrange(1, 96))
        yield (
            f"{rng.choice(TITLES)} — {place}",
            "Proposition générée pour la démonstration et les mesures.",
            rng.choice(category_ids),
            lng,
            lat,
            author_id,
            "published",
            "citizen",
            "fr",
            0,
            created,
            min(published, now),
            min(published, now),
            point_key(lng, lat),
        )


COLUMNS = (
    "title",
    "description",
    "category_id",
    "lng",
    "lat",
    "author_id",
    "status",
    "source",
    "language",
    "support_count",
    "created_at",
    "updated_at",
    "published_at",
    "map_key",
)


def seed_synthetic_ideas(n, area, seed=None, on_batch=None):
    """Insert `n` published ideas in bulk (COPY on PostgreSQL), then rebuild the map cells and
    index the new ideas' words.
    Flushes, never commits; `on_batch(size)` reports progress."""
    rng = random.Random(seed)
    category_ids = ensure_categories()
    author_id = synthetic_author().id
    connection = db.session.connection()
    last_id = connection.execute(select(func.coalesce(func.max(Idea.id), 0))).scalar_one()
    rows = _rows(n, rng, category_ids, author_id, area)
    done = 0
    while done < n:
        batch = [next(rows) for _ in range(min(BATCH_SIZE, n - done))]
        _insert(connection, batch)
        done += len(batch)
        if on_batch:
            on_batch(len(batch))
    rebuild_cells(connection, refresh_keys=False)
    index_ideas(connection, Idea.id > last_id)
    return done


def _insert(connection, batch):
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY ideas ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in batch:
                copy.write_row(row)
        return
    connection.execute(insert(Idea.__table__), [dict(zip(COLUMNS, row, strict=True)) for row in batch])


def refresh_statistics(engine):
    """Planner statistics after a bulk load (and the visibility map PostgreSQL's index-only scans need)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("VACUUM ANALYZE ideas"))
            connection.execute(text("VACUUM ANALYZE map_cells"))
            connection.execute(text("VACUUM ANALYZE idea_terms"))
        else:
            connection.execute(text("ANALYZE"))
