"""Web-mercator grid maths: tile cells, Morton keys and their bounds (pure functions)."""

import math

# Every placed idea carries the Morton (Z-order) key of its cell at KEY_LEVEL: any coarser cell
# is then one contiguous key range, so one index serves every zoom.
KEY_LEVEL = 20
# Aggregates are kept for these cell levels; a map at zoom z clusters on cells of level z + 2
# (64-pixel cells), coarser when the box would hold too many cells.
MIN_LEVEL = 4
MAX_LEVEL = 18
MAX_LAT = 85.05112878


def _spread(v):
    v &= 0xFFFFFFFF
    v = (v | (v << 16)) & 0x0000FFFF0000FFFF
    v = (v | (v << 8)) & 0x00FF00FF00FF00FF
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0F
    v = (v | (v << 2)) & 0x3333333333333333
    return (v | (v << 1)) & 0x5555555555555555


def _squeeze(v):
    v &= 0x5555555555555555
    v = (v | (v >> 1)) & 0x3333333333333333
    v = (v | (v >> 2)) & 0x0F0F0F0F0F0F0F0F
    v = (v | (v >> 4)) & 0x00FF00FF00FF00FF
    v = (v | (v >> 8)) & 0x0000FFFF0000FFFF
    return (v | (v >> 16)) & 0xFFFFFFFF


def morton(x, y):
    return _spread(x) | (_spread(y) << 1)


def unmorton(key):
    return _squeeze(key), _squeeze(key >> 1)


def tile_xy(lng, lat, level):
    """Tile column and row of a point at `level` (clamped to the mercator square)."""
    n = 1 << level
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = int((lng + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def point_key(lng, lat):
    """The Morton key stored on an idea, or None for an unplaced idea."""
    if lng is None or lat is None:
        return None
    return morton(*tile_xy(lng, lat, KEY_LEVEL))


def parent(key, from_level, to_level):
    return key >> (2 * (from_level - to_level))


def key_range(cell, level, target_level):
    """The first and last keys at `target_level` (finer) inside a cell of `level`."""
    shift = 2 * (target_level - level)
    return cell << shift, ((cell + 1) << shift) - 1


def _lng(x, n):
    return x / n * 360.0 - 180.0


def _lat(y, n):
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))


def cell_bounds(cell, level):
    """(west, south, east, north) of a cell given by its Morton key at `level`."""
    x, y = unmorton(cell)
    n = 1 << level
    return _lng(x, n), _lat(y + 1, n), _lng(x + 1, n), _lat(y, n)


def cell_level_for(bbox, zoom, max_cells):
    """The cluster level for a map at `zoom`, coarser until the box spans at most `max_cells`."""
    level = min(max(zoom + 2, MIN_LEVEL), MAX_LEVEL)
    while level > MIN_LEVEL and _cells_spanned(bbox, level) > max_cells:
        level -= 1
    return level


def _cells_spanned(bbox, level):
    (x0, y0), (x1, y1) = _xy_span(bbox, level)
    return (x1 - x0 + 1) * (y1 - y0 + 1)


def _xy_span(bbox, level):
    west, south, east, north = bbox
    x0, y0 = tile_xy(west, north, level)
    x1, y1 = tile_xy(east, south, level)
    return (x0, y0), (x1, y1)


def covering_cells(bbox, level):
    """Morton keys at `level` of every cell the box touches."""
    (x0, y0), (x1, y1) = _xy_span(bbox, level)
    return [morton(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def covering_ranges(bbox, target_level, max_ranges=32):
    """Few key ranges at `target_level` that together cover the box: cells of the finest
    level at most `target_level` whose count stays under `max_ranges`, adjacent ones merged."""
    level = target_level
    while level > 0 and _cells_spanned(bbox, level) > max_ranges:
        level -= 1
    return merge_ranges(key_range(cell, level, target_level) for cell in covering_cells(bbox, level))


def merge_ranges(ranges):
    merged = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def relation(extent, bbox):
    """'inside', 'outside' or 'partial': where a (w, s, e, n) extent lies against the box."""
    w, s, e, n = extent
    bw, bs, be, bn = bbox
    if w >= bw and e <= be and s >= bs and n <= bn:
        return "inside"
    if e < bw or w > be or n < bs or s > bn:
        return "outside"
    return "partial"
