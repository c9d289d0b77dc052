"""Server-side clustering of ideas in a box: exact counts from `map_cells`, refined at the edges."""
from dataclasses import dataclass

from sqlalchemy import BigInteger, column, func, or_, select, values

from app.geo.aggregates import cells, group_totals, shifted
from app.geo.cells import (
    KEY_LEVEL,
    MAX_LEVEL,
    cell_level_for,
    covering_ranges,
    key_range,
    merge_ranges,
    relation,
)
from app.geo.models import ALL
from app.ideas.models import Idea

MAX_FEATURES = 500
# At most this many cells per response: clusters stay under MAX_FEATURES with room for points.
MAX_CELLS = 400
# Edge cells are refined this many levels at a time until their ideas are inside or outside.
REFINE_STEP = 3


@dataclass(frozen=True)
class MapFilter:
    status: str = "published"
    category_id: int | None = None
    district_id: int | None = None
    q: str | None = None


@dataclass(frozen=True)
class Cluster:
    count: int
    lng: float
    lat: float
    bbox: tuple


@dataclass(frozen=True)
class MapView:
    clusters: list
    idea_ids: list
    level: int
    total: int


def map_view(connection, bbox, zoom, flt):
    """Clusters and lone ideas matching `flt` inside `bbox` for a map at `zoom`: each idea in
    the box is counted exactly once, and there are never more than MAX_FEATURES of them."""
    level = cell_level_for(bbox, zoom, MAX_CELLS)
    if flt.q:
        groups = _idea_groups(connection, bbox, level, flt, covering_ranges(bbox, KEY_LEVEL))
    else:
        groups = _cell_groups(connection, bbox, level, flt)
    total = sum(g[0] for g in groups.values())
    if total <= MAX_FEATURES:
        return MapView([], ideas_in_box(connection, bbox, flt), level, total)
    clusters, ids = [], []
    for count, sum_lng, sum_lat, sum_id, w, s, e, n in groups.values():
        if count == 1:
            ids.append(sum_id)
        else:
            clusters.append(Cluster(count, sum_lng / count, sum_lat / count, (w, s, e, n)))
    clusters.sort(key=lambda c: -c.count)
    return MapView(clusters, sorted(ids), level, total)


def ideas_in_box(connection, bbox, flt, limit=MAX_FEATURES):
    """Ids of the ideas matching `flt` inside the box (most supported first)."""
    query = (
        select(Idea.id)
        .where(*_idea_filters(flt), *_inside(bbox))
        .order_by(Idea.support_count.desc(), Idea.id)
        .limit(limit)
    )
    query = _in_ranges(connection, query, Idea.__table__, Idea.map_key, covering_ranges(bbox, KEY_LEVEL))
    return list(connection.execute(query).scalars())


def _cell_groups(connection, bbox, level, flt):
    groups = group_totals([])
    current, ranges = level, covering_ranges(bbox, level)
    while ranges:
        edge = []
        for row in connection.execute(_cells_query(connection, current, flt, ranges)):
            where = relation((row.min_lng, row.min_lat, row.max_lng, row.max_lat), bbox)
            if where == "inside":
                _merge(groups, row.cell >> (2 * (current - level)), row[1:])
            elif where == "partial":
                edge.append(row.cell)
        if not edge:
            break
        if current == MAX_LEVEL:
            keys = merge_ranges(key_range(cell, current, KEY_LEVEL) for cell in edge)
            for cell, d in _idea_groups(connection, bbox, level, flt, keys).items():
                _merge(groups, cell, d)
            break
        finer = min(current + REFINE_STEP, MAX_LEVEL)
        ranges = merge_ranges(key_range(cell, current, finer) for cell in edge)
        current = finer
    return groups


def _merge(groups, cell, d):
    g = groups[cell]
    for i in range(4):
        g[i] += d[i]
    g[4], g[5] = min(g[4], d[4]), min(g[5], d[5])
    g[6], g[7] = max(g[6], d[6]), max(g[7], d[7])


def _cells_query(connection, level, flt, ranges):
    c = cells.c
    query = (
        select(c.cell, c.count, c.sum_lng, c.sum_lat, c.sum_id, c.min_lng, c.min_lat, c.max_lng, c.max_lat)
        .where(
            c.level == level,
            c.status == flt.status,
            c.category_id == (flt.category_id or ALL),
            c.district_id == (flt.district_id or ALL),
        )
    )
    return _in_ranges(connection, query, cells, c.cell, ranges)


def _idea_groups(connection, bbox, level, flt, key_ranges):
    """Groups per cell of `level` computed from the ideas themselves (box edges, text search)."""
    cell = shifted(Idea.map_key, KEY_LEVEL, level)
    query = (
        select(
            cell, func.count(), func.sum(Idea.lng), func.sum(Idea.lat), func.sum(Idea.id),
            func.min(Idea.lng), func.min(Idea.lat), func.max(Idea.lng), func.max(Idea.lat),
        )
        .where(*_idea_filters(flt), *_inside(bbox))
        .group_by(cell)
    )
    query = _in_ranges(connection, query, Idea.__table__, Idea.map_key, key_ranges)
    return group_totals(connection.execute(query))


def _idea_filters(flt):
    conditions = [Idea.status == flt.status]
    if flt.category_id:
        conditions.append(Idea.category_id == flt.category_id)
    if flt.district_id:
        conditions.append(Idea.district_id == flt.district_id)
    if flt.q:
        pattern = "%" + flt.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(Idea.title.ilike(pattern, escape="\\"))
    return conditions


def _inside(bbox):
    west, south, east, north = bbox
    return Idea.lng.between(west, east), Idea.lat.between(south, north)


def _in_ranges(connection, query, table, key, ranges):
    """Restrict `query` to keys in `ranges`, in the form each planner turns into index seeks:
    a join on a VALUES list for SQLite, OR-ed ranges (a bitmap OR) for PostgreSQL."""
    if connection.dialect.name == "postgresql":
        return query.where(or_(*(key.between(lo, hi) for lo, hi in ranges)))
    r = values(column("lo", BigInteger), column("hi", BigInteger), name="r").data(list(ranges)).cte("r")
    return query.select_from(r).join(table, key.between(r.c.lo, r.c.hi))
