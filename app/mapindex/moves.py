"""Moving ideas through `map_cells`: what each placed idea adds to the cells it lies in, and
applying those deltas when ideas are added, changed or removed, exact under concurrency."""

from sqlalchemy import and_, func, select, tuple_, update

from app.extensions import db
from app.geometry.cells import KEY_LEVEL, MAX_LEVEL, MIN_LEVEL, key_range, point_key
from app.ideas.models import Idea
from app.mapindex.aggregates import CELL_KEY, EXTENT, SUMS, cells
from app.mapindex.models import ALL, NO_DISTRICT

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


def _params(rows):
    return [dict(zip(CELL_KEY + SUMS + EXTENT, key + tuple(d), strict=True)) for key, d in rows.items()]


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
    pk = tuple_(*(cells.c[n] for n in CELL_KEY))
    for start in range(0, len(keys), 200):
        connection.execute(
            select(cells.c.level)
            .where(pk.in_(keys[start : start + 200]))
            .order_by(*(cells.c[n] for n in CELL_KEY))
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
        index_elements=list(CELL_KEY),
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
    return and_(*(table.c[name] == db.bindparam(f"k_{name}") for name in CELL_KEY))


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
        found = connection.execute(select(cells).where(tuple_(*(cells.c[n] for n in CELL_KEY)).in_(chunk)))
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
            .where(*(cells.c[n] == v for n, v in zip(CELL_KEY, key, strict=True)))
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
