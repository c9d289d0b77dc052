"""Server-side clustering of ideas in a box: exact counts from `map_cells`, refined at the edges."""

import json
from dataclasses import dataclass

from sqlalchemy import BigInteger, bindparam, func, literal_column, select, true
from sqlalchemy.dialects.postgresql import ARRAY

from app.geometry.cells import (
    KEY_LEVEL,
    MAX_LEVEL,
    cell_level_for,
    covering_ranges,
    key_range,
    merge_ranges,
    relation,
)
from app.ideas.models import Idea
from app.ideas.search import match_conditions, searching, terms, text_match
from app.mapindex.aggregates import cells, group_totals, shifted
from app.mapindex.models import ALL

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
    if connection.dialect.name == "postgresql":
        # These are many small index scans: compiling them to machine code (JIT, which the
        # planner's row estimates can trigger at a million ideas) costs more than it saves.
        connection.exec_driver_sql("SET LOCAL jit = off")
    key_ranges = covering_ranges(bbox, KEY_LEVEL)
    text_rows = None
    if searching(flt.q):
        # The cells do not know words: the ideas come from the search index, whose rows carry
        # each idea's key, point and filters (the same words as every other search).
        match = text_match(connection, flt.q)
        if match is None:
            return MapView([], [], level, 0)
        text_rows = _text_rows(connection, bbox, flt, match, key_ranges)
        groups = _groups_of(connection, text_rows, level)
    else:
        groups = _cell_groups(connection, bbox, level, flt)
    total = sum(g[0] for g in groups.values())
    if total <= MAX_FEATURES:
        if text_rows is not None:
            return MapView([], _most_supported(connection, text_rows), level, total)
        return MapView([], ideas_in_box(connection, bbox, flt, key_ranges), level, total)
    clusters, ids = [], []
    for count, sum_lng, sum_lat, sum_id, w, s, e, n in groups.values():
        if count == 1:
            ids.append(sum_id)
        else:
            clusters.append(Cluster(count, sum_lng / count, sum_lat / count, (w, s, e, n)))
    clusters.sort(key=lambda c: -c.count)
    return MapView(clusters, sorted(ids), level, total)


def ideas_in_box(connection, bbox, flt, key_ranges, limit=MAX_FEATURES):
    """Ids of the ideas matching `flt` inside the box (most supported first), read through
    `key_ranges` (None: by a scan)."""
    rows = _in_ranges(
        connection,
        Idea.__table__,
        Idea.map_key,
        key_ranges,
        (Idea.id, Idea.support_count),
        _idea_conditions(bbox, flt),
    )
    query = select(rows.c.id).order_by(rows.c.support_count.desc(), rows.c.id).limit(limit)
    return list(connection.execute(query).scalars())


def _most_supported(connection, rows, limit=MAX_FEATURES):
    query = (
        select(Idea.id)
        .join(rows, rows.c.id == Idea.id)
        .order_by(Idea.support_count.desc(), Idea.id)
        .limit(limit)
    )
    return list(connection.execute(query).scalars())


def _text_rows(connection, bbox, flt, match, key_ranges):
    """Key, point and id of the ideas in the box, meeting `flt`, having the search's words."""
    t = terms.c
    conditions = [*_idea_conditions(bbox, flt, t), *match_conditions(match)]
    columns = (t.map_key, t.lng, t.lat, t.idea_id.label("id"))
    if match.term is None:
        # Several indexed words start with the search: an idea may hold two of them.
        return select(*columns).where(*conditions).distinct().subquery()
    return _in_ranges(connection, terms, t.map_key, key_ranges, columns, conditions)


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
            rows = _in_ranges(
                connection, Idea.__table__, Idea.map_key, keys, _IDEA_POINTS, _idea_conditions(bbox, flt)
            )
            for cell, d in _groups_of(connection, rows, level).items():
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
    rows = _in_ranges(
        connection,
        cells,
        c.cell,
        ranges,
        (c.cell, c.count, c.sum_lng, c.sum_lat, c.sum_id, c.min_lng, c.min_lat, c.max_lng, c.max_lat),
        (
            c.level == level,
            c.status == flt.status,
            c.category_id == (flt.category_id or ALL),
            c.district_id == (flt.district_id or ALL),
        ),
    )
    return select(rows)


_IDEA_POINTS = (Idea.map_key, Idea.lng, Idea.lat, Idea.id)


def _groups_of(connection, rows, level):
    """Groups per cell of `level` computed from ideas' rows (box edges, text search)."""
    cell = shifted(rows.c.map_key, KEY_LEVEL, level)
    query = select(
        cell,
        func.count(),
        func.sum(rows.c.lng),
        func.sum(rows.c.lat),
        func.sum(rows.c.id),
        func.min(rows.c.lng),
        func.min(rows.c.lat),
        func.max(rows.c.lng),
        func.max(rows.c.lat),
    ).group_by(cell)
    return group_totals(connection.execute(query))


def _idea_conditions(bbox, flt, c=Idea.__table__.c):
    """`flt` and the box as conditions on `c`: the columns of `ideas`, or of `idea_terms`, which
    carries the same ones (an unplaced idea's rows have no point, so never meet a box)."""
    west, south, east, north = bbox
    conditions = [c.status == flt.status, c.lng.between(west, east), c.lat.between(south, north)]
    if flt.category_id:
        conditions.append(c.category_id == flt.category_id)
    if flt.district_id:
        conditions.append(c.district_id == flt.district_id)
    return conditions


def _in_ranges(connection, table, key, ranges, columns, conditions):
    """`columns` of the rows of `table` meeting `conditions` whose `key` lies in one of
    `ranges`, as a subquery written so that each range becomes one index range scan."""
    if ranges is None:
        return select(*columns).where(*conditions).subquery()
    ranges = list(ranges)
    if connection.dialect.name == "postgresql":
        # One statement shape whatever the number of ranges (planned once); LATERAL with an
        # OFFSET (which keeps it from being flattened) makes PostgreSQL seek the index per range.
        r = (
            func.unnest(
                bindparam("los", [lo for lo, _ in ranges], type_=ARRAY(BigInteger)),
                bindparam("his", [hi for _, hi in ranges], type_=ARRAY(BigInteger)),
            )
            .table_valued("lo", "hi")
            .render_derived()
        )
        inner = select(*columns).where(key.between(r.c.lo, r.c.hi), *conditions).offset(0).lateral()
        return select(inner).select_from(r).join(inner, true()).subquery()
    # SQLite: the ranges as one JSON parameter, so the statement is compiled once.
    r = func.json_each(bindparam("ranges", json.dumps(ranges))).table_valued("value")
    lo = func.json_extract(r.c.value, literal_column("'$[0]'"))
    hi = func.json_extract(r.c.value, literal_column("'$[1]'"))
    query = select(*columns).select_from(r).join(table, key.between(lo, hi))
    return query.where(*conditions).subquery()
