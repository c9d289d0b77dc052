"""Keeping `map_cells` exact: ORM hooks on ideas, incremental deltas, rebuild and verify."""

from collections import defaultdict

from sqlalchemy import BigInteger, Integer, and_, func, insert, literal, or_, select, tuple_, update

from app.extensions import db
from app.geo.cells import KEY_LEVEL, MAX_LEVEL, MIN_LEVEL, covering_cells, key_range, point_key
from app.geo.models import ALL, NO_DISTRICT, MapCell
from app.ideas.models import Idea

GEO_FIELDS = ("status", "category_id", "district_id", "lng", "lat")
SUMS = ("count", "sum_lng", "sum_lat", "sum_id")
EXTENT = ("min_lng", "min_lat", "max_lng", "max_lat")
cells = MapCell.__table__


def shifted(column, from_level, to_level):
    # PostgreSQL shifts a bigint by an integer only.
    return column.op(">>", return_type=BigInteger)(literal(2 * (from_level - to_level), Integer))


# ---- what each idea contributes -------------------------------------------------------


def point_of(idea_id, status, category_id, district_id, lng, lat):
    """What one idea contributes to the cells, or None when it is not on the map."""
    key = point_key(lng, lat)
    if key is None:
        return None
    return (idea_id, status, category_id, district_id, lng, lat, key)


def _row_keys(point):
    _id, status, category_id, district_id, _lng, _lat, key = point
    district = district_id if district_id is not None else NO_DISTRICT
    dims = ((category_id, district), (category_id, ALL), (ALL, district), (ALL, ALL))
    for level in range(MIN_LEVEL, MAX_LEVEL + 1):
        cell = key >> (2 * (KEY_LEVEL - level))
        for category, dist in dims:
            yield (level, status, category, dist, cell)


def _deltas(points):
    """Per map_cells row: [count, sum_lng, sum_lat, sum_id, min_lng, min_lat, max_lng, max_lat]."""
    rows = {}
    for point in points:
        idea_id, lng, lat = point[0], point[4], point[5]
        for row_key in _row_keys(point):
            d = rows.get(row_key)
            if d is None:
                rows[row_key] = [1, lng, lat, idea_id, lng, lat, lng, lat]
            else:
                d[0] += 1
                d[1] += lng
                d[2] += lat
                d[3] += idea_id
                d[4], d[5] = min(d[4], lng), min(d[5], lat)
                d[6], d[7] = max(d[6], lng), max(d[7], lat)
    return rows


_PK = ("level", "status", "category_id", "district_id", "cell")


def _params(rows):
    return [dict(zip(_PK + SUMS + EXTENT, key + tuple(d), strict=True)) for key, d in rows.items()]


# ---- applying deltas --------------------------------------------------------------------


def move_points(connection, removed, added):
    """Take the `removed` points out of the cells and put the `added` ones in. On PostgreSQL
    the existing rows touched are locked first, all in primary-key order, as every move does:
    concurrent moves then take turns on a shared row instead of deadlocking, and whether a row
    empties is decided on its committed count."""
    minus, plus = _deltas(removed), _deltas(added)
    if connection.dialect.name == "postgresql":
        _lock_rows(connection, sorted(minus.keys() | plus.keys()))
    _remove(connection, minus)
    _add(connection, plus)


def _lock_rows(connection, keys):
    pk = tuple_(*(cells.c[n] for n in _PK))
    for start in range(0, len(keys), 200):
        connection.execute(
            select(cells.c.level)
            .where(pk.in_(keys[start : start + 200]))
            .order_by(*(cells.c[n] for n in _PK))
            .with_for_update()
        )


def _add(connection, rows):
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert

        least, greatest = func.least, func.greatest
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert

        least, greatest = func.min, func.max
    stmt = upsert(cells)
    new = stmt.excluded
    stmt = stmt.on_conflict_do_update(
        index_elements=list(_PK),
        set_={
            **{name: cells.c[name] + new[name] for name in SUMS},
            "min_lng": least(cells.c.min_lng, new.min_lng),
            "min_lat": least(cells.c.min_lat, new.min_lat),
            "max_lng": greatest(cells.c.max_lng, new.max_lng),
            "max_lat": greatest(cells.c.max_lat, new.max_lat),
        },
    )
    # In key order, as the rows were locked: new rows are inserted in that order too.
    connection.execute(stmt, _params(dict(sorted(rows.items()))))


def _pk_match(table=cells):
    return and_(*(table.c[name] == db.bindparam(f"k_{name}") for name in _PK))


def _remove(connection, rows):
    if not rows:
        return
    params = [{f"k_{k}": v for k, v in p.items()} for p in _params(rows)]
    # Rows left empty go; the others lose the points' counts and sums.
    connection.execute(cells.delete().where(_pk_match(), cells.c.count <= db.bindparam("k_count")), params)
    connection.execute(
        update(cells)
        .where(_pk_match())
        .values({name: cells.c[name] - db.bindparam(f"k_{name}") for name in SUMS}),
        params,
    )
    _shrink_extents(connection, rows)


def _shrink_extents(connection, rows):
    """Recompute the extent of remaining rows whose edge a removed point was on, finest first
    (each level from the one below, the finest from the ideas themselves)."""
    keys = list(rows)
    current = {}
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        found = connection.execute(select(cells).where(tuple_(*(cells.c[n] for n in _PK)).in_(chunk)))
        for row in found:
            current[tuple(row[:5])] = row
    touched = [
        key
        for key, d in rows.items()
        if key in current
        and (
            current[key].min_lng >= d[4]
            or current[key].min_lat >= d[5]
            or current[key].max_lng <= d[6]
            or current[key].max_lat <= d[7]
        )
    ]
    for key in sorted(touched, key=lambda k: -k[0]):
        extent = connection.execute(_extent_query(*key)).one()
        connection.execute(
            update(cells)
            .where(*(cells.c[n] == v for n, v in zip(_PK, key, strict=True)))
            .values(dict(zip(EXTENT, extent, strict=True)))
        )


def _extent_query(level, status, category_id, district_id, cell):
    if level < MAX_LEVEL:
        lo, hi = key_range(cell, level, level + 1)
        return select(
            func.min(cells.c.min_lng),
            func.min(cells.c.min_lat),
            func.max(cells.c.max_lng),
            func.max(cells.c.max_lat),
        ).where(
            cells.c.level == level + 1,
            cells.c.status == status,
            cells.c.category_id == category_id,
            cells.c.district_id == district_id,
            cells.c.cell.between(lo, hi),
        )
    lo, hi = key_range(cell, level, KEY_LEVEL)
    query = select(func.min(Idea.lng), func.min(Idea.lat), func.max(Idea.lng), func.max(Idea.lat)).where(
        Idea.status == status, Idea.map_key.between(lo, hi)
    )
    if category_id != ALL:
        query = query.where(Idea.category_id == category_id)
    if district_id == NO_DISTRICT:
        query = query.where(Idea.district_id.is_(None))
    elif district_id != ALL:
        query = query.where(Idea.district_id == district_id)
    return query


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
    columns = [table.c[name] for name in _PK + SUMS + EXTENT]
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
    rows = connection.execute(select(Idea.id, Idea.lng, Idea.lat, Idea.map_key)).all()
    changes = [
        {"k_id": idea_id, "key": point_key(lng, lat)}
        for idea_id, lng, lat, key in rows
        if point_key(lng, lat) != key
    ]
    table = Idea.__table__
    for start in range(0, len(changes), 10000):
        connection.execute(
            update(table).where(table.c.id == db.bindparam("k_id")).values(map_key=db.bindparam("key")),
            changes[start : start + 10000],
        )


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
            joined = left.outerjoin(right, and_(*(left.c[n] == right.c[n] for n in _PK)))
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
