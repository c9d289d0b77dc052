"""`map_cells`: its layout, counts read from it, and rebuilding or verifying it from the ideas
(app.mapindex.moves keeps it exact as ideas change)."""

from collections import defaultdict

from sqlalchemy import BigInteger, Integer, and_, func, insert, literal, or_, select, text, update

from app.extensions import db
from app.geometry.cells import KEY_LEVEL, MAX_LEVEL, MIN_LEVEL, covering_cells, point_key
from app.ideas.models import Idea
from app.ideas.search import terms
from app.ideas.search_index import rebuild_terms
from app.mapindex.models import ALL, NO_DISTRICT, MapCell

GEO_FIELDS = ("status", "category_id", "district_id", "lng", "lat")
SUMS = ("count", "sum_lng", "sum_lat", "sum_id")
EXTENT = ("min_lng", "min_lat", "max_lng", "max_lat")
cells = MapCell.__table__
CELL_KEY = ("level", "status", "category_id", "district_id", "cell")


def shifted(column, from_level, to_level):
    # PostgreSQL shifts a bigint by an integer only.
    return column.op(">>", return_type=BigInteger)(literal(2 * (from_level - to_level), Integer))


def placed_count(connection, status, category_id=None, district_id=None):
    """How many placed ideas have `status` (in one category and/or district): a few rows of the
    coarsest cells instead of counting the ideas."""
    c = cells.c
    query = select(func.coalesce(func.sum(c.count), 0)).where(
        c.level == MIN_LEVEL,
        c.status == status,
        c.category_id == (category_id or ALL),
        c.district_id == (district_id or ALL),
    )
    return connection.execute(query).scalar_one()


# Cells of this level are about 500 m wide in Casablanca: a 300 m radius touches a few of them.
FINGERPRINT_LEVEL = 16


def area_fingerprints(connection, boxes, status="published"):
    """Per box, a value that changes whenever an idea of `status` appears in it, leaves it or
    moves within it (the count, id sum and coordinate sums of the cells it touches)."""
    c = cells.c
    touched = [covering_cells(box, FINGERPRINT_LEVEL) for box in boxes]
    wanted = sorted({cell for box_cells in touched for cell in box_cells})
    rows = {}
    if wanted:
        query = select(c.cell, c.count, c.sum_id, c.sum_lng, c.sum_lat).where(
            c.level == FINGERPRINT_LEVEL,
            c.status == status,
            c.category_id == ALL,
            c.district_id == ALL,
            c.cell.in_(wanted),
        )
        rows = {row[0]: tuple(row) for row in connection.execute(query)}
    return [tuple(rows.get(cell) for cell in box_cells) for box_cells in touched]


# ---- rebuild and verify ------------------------------------------------------------------


def _fill(connection, table):
    """Compute every row of `table` (map_cells or a copy of it) from the ideas."""
    columns = [table.c[name] for name in CELL_KEY + SUMS + EXTENT]
    district = func.coalesce(Idea.district_id, NO_DISTRICT)
    cell = shifted(Idea.map_key, KEY_LEVEL, MAX_LEVEL)
    detail = (
        select(
            literal(MAX_LEVEL),
            Idea.status,
            Idea.category_id,
            district,
            cell,
            func.count(),
            func.sum(Idea.lng),
            func.sum(Idea.lat),
            func.sum(Idea.id),
            func.min(Idea.lng),
            func.min(Idea.lat),
            func.max(Idea.lng),
            func.max(Idea.lat),
        )
        .where(Idea.map_key.is_not(None))
        .group_by(Idea.status, Idea.category_id, district, cell)
    )
    connection.execute(insert(table).from_select(columns, detail))
    finest = table.c.level == MAX_LEVEL
    details = and_(finest, table.c.category_id != ALL, table.c.district_id != ALL)
    for category, dist in (
        (table.c.category_id, literal(ALL)),
        (literal(ALL), table.c.district_id),
        (literal(ALL), literal(ALL)),
    ):
        rollup = _rollup(table, details, MAX_LEVEL, category, dist)
        connection.execute(insert(table).from_select(columns, rollup))
    for level in range(MAX_LEVEL - 1, MIN_LEVEL - 1, -1):
        children = table.c.level == level + 1
        connection.execute(
            insert(table).from_select(
                columns, _rollup(table, children, level, table.c.category_id, table.c.district_id)
            )
        )


def _rollup(table, where, level, category, dist):
    c = table.c
    cell = c.cell if level == MAX_LEVEL else shifted(c.cell, level + 1, level)
    return (
        select(
            literal(level),
            c.status,
            category,
            dist,
            cell,
            func.sum(c.count),
            func.sum(c.sum_lng),
            func.sum(c.sum_lat),
            func.sum(c.sum_id),
            func.min(c.min_lng),
            func.min(c.min_lat),
            func.max(c.max_lng),
            func.max(c.max_lat),
        )
        .where(where)
        .group_by(c.status, category, dist, cell)
    )


def rebuild_cells(connection, refresh_keys=True):
    """Recompute every aggregate (and, unless told otherwise, every idea's key) from scratch;
    returns the number of map_cells rows."""
    if refresh_keys:
        _refresh_keys(connection)
    connection.execute(cells.delete())
    _fill(connection, cells)
    return connection.execute(select(func.count()).select_from(cells)).scalar_one()


def _refresh_keys(connection):
    changes = [{"k_id": idea_id, "key": wanted} for idea_id, _stored, wanted in stale_keys(connection)]
    table = Idea.__table__
    for start in range(0, len(changes), 10000):
        connection.execute(
            update(table).where(table.c.id == db.bindparam("k_id")).values(map_key=db.bindparam("key")),
            changes[start : start + 10000],
        )


def stale_keys(connection):
    """(id, stored key, its point's key) of every idea whose stored map key is not its point's."""
    rows = connection.execute(select(Idea.id, Idea.lng, Idea.lat, Idea.map_key)).all()
    found = ((idea_id, key, point_key(lng, lat)) for idea_id, lng, lat, key in rows)
    return [row for row in found if row[1] != row[2]]


def rebuild_map(connection):
    """Recompute keys, cells and search words from the ideas in the caller's transaction; returns
    the numbers of cell and word rows. On PostgreSQL writers of the map wait for its commit, so
    that none moves an idea through the cells half-way through the rebuild."""
    _refresh_keys(connection)
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"LOCK TABLE {cells.name}, {terms.name} IN SHARE ROW EXCLUSIVE MODE"))
    return rebuild_cells(connection, refresh_keys=False), rebuild_terms(connection)


def verify_cells(connection, limit=20):
    """Differences between map_cells and a fresh computation (empty when exact)."""
    check = db.Table(
        "map_cells_check",
        db.MetaData(),
        *(db.Column(c.name, c.type) for c in cells.columns),
        prefixes=["TEMPORARY"],
    )
    # SQLite creates a temporary table outside the transaction and drops it inside: after a
    # rollback it may still be there, empty or not.
    check.create(connection, checkfirst=True)
    try:
        connection.execute(check.delete())
        _fill(connection, check)
        problems = []
        for left, right, label in ((check, cells, "missing"), (cells, check, "unexpected")):
            joined = left.outerjoin(right, and_(*(left.c[n] == right.c[n] for n in CELL_KEY)))
            wrong = or_(
                right.c.count.is_(None),
                left.c.count != right.c.count,
                left.c.sum_id != right.c.sum_id,
                *(func.abs(left.c[n] - right.c[n]) > 1e-6 for n in ("sum_lng", "sum_lat")),
                *(left.c[n] != right.c[n] for n in EXTENT),
            )
            query = select(right.c.count.label("other"), left).select_from(joined).where(wrong).limit(limit)
            for other, *row in connection.execute(query):
                problems.append((label if other is None else "different", tuple(row)))
        return problems
    finally:
        check.drop(connection)


def group_totals(rows):
    """Merge (cell, count, sum_lng, sum_lat, sum_id, min_lng, min_lat, max_lng, max_lat) rows."""
    merged = defaultdict(lambda: [0, 0.0, 0.0, 0, 180.0, 90.0, -180.0, -90.0])
    for cell, *values in rows:
        d = merged[cell]
        for i in range(4):
            d[i] += values[i]
        d[4], d[5] = min(d[4], values[4]), min(d[5], values[5])
        d[6], d[7] = max(d[6], values[6]), max(d[7], values[7])
    return merged
