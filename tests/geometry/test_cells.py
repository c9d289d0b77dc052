"""Grid maths: keys, ranges and levels."""

import random

from app.geometry.cells import (
    KEY_LEVEL,
    cell_bounds,
    cell_level_for,
    covering_ranges,
    key_range,
    morton,
    parent,
    point_key,
    relation,
    unmorton,
)

CITY = (-7.80, 33.45, -7.35, 33.68)


def test_morton_keys_round_trip():
    rng = random.Random(3)
    for _ in range(500):
        x, y = rng.randrange(1 << 20), rng.randrange(1 << 20)
        assert unmorton(morton(x, y)) == (x, y)


def test_a_point_lies_in_the_bounds_of_each_of_its_cells():
    lng, lat = -7.6180, 33.5950
    key = point_key(lng, lat)
    for level in (4, 11, 15, 18):
        west, south, east, north = cell_bounds(parent(key, KEY_LEVEL, level), level)
        assert west <= lng <= east and south <= lat <= north


def test_a_cell_is_one_contiguous_range_of_finer_keys():
    key = point_key(-7.6180, 33.5950)
    cell = parent(key, KEY_LEVEL, 13)
    lo, hi = key_range(cell, 13, KEY_LEVEL)
    assert lo <= key <= hi
    assert hi - lo + 1 == 4 ** (KEY_LEVEL - 13)


def test_covering_ranges_hold_every_point_of_the_box():
    rng = random.Random(5)
    box = (-7.64, 33.57, -7.60, 33.60)
    ranges = covering_ranges(box, KEY_LEVEL)
    assert len(ranges) <= 32
    for _ in range(1000):
        key = point_key(rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3]))
        assert any(lo <= key <= hi for lo, hi in ranges)


def test_cluster_level_follows_the_zoom_and_coarsens_for_huge_boxes():
    assert cell_level_for(CITY, 11, 400) == 13
    assert cell_level_for((-7.62, 33.59, -7.61, 33.60), 17, 400) == 18
    world = (-180, -85, 180, 85)
    assert cell_level_for(world, 20, 400) == 4


def test_relation_of_an_extent_to_a_box():
    box = (0, 0, 10, 10)
    assert relation((1, 1, 2, 2), box) == "inside"
    assert relation((11, 1, 12, 2), box) == "outside"
    assert relation((9, 9, 11, 11), box) == "partial"
