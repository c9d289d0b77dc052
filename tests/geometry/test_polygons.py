"""Point-in-polygon, district centres, the service area and short distances."""

import json

from app.geometry.distance import distance_m
from app.geometry.polygons import Shape, bbox_shape, load_area_file, point_in_polygon

SQUARE = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
HOLE = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
# A "U": the notch between x=3..7 above y=3 is outside.
U_SHAPE = [[0, 0], [10, 0], [10, 10], [7, 10], [7, 3], [3, 3], [3, 10], [0, 10], [0, 0]]


def test_point_inside_and_outside_a_square():
    assert point_in_polygon(5, 5, [SQUARE])
    assert not point_in_polygon(11, 5, [SQUARE])
    assert not point_in_polygon(5, -0.1, [SQUARE])


def test_point_in_a_hole_is_outside():
    polygon = [SQUARE, HOLE]
    assert not point_in_polygon(5, 5, polygon)
    assert point_in_polygon(2, 2, polygon)


def test_concave_polygon_notch_is_outside():
    assert not point_in_polygon(5, 8, [U_SHAPE])
    assert point_in_polygon(1, 8, [U_SHAPE])
    assert point_in_polygon(5, 1, [U_SHAPE])


def test_multipolygon_contains_points_of_each_part_only():
    shape = Shape(
        {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[20, 20], [30, 20], [30, 30], [20, 20]]]]}
    )
    assert shape.contains(5, 5)  # lat=5, lng=5
    assert shape.contains(22, 27)
    assert not shape.contains(15, 15)
    assert not shape.contains(28, 22)


def test_centre_of_a_concave_district_lies_inside_it():
    shape = Shape({"type": "Polygon", "coordinates": [U_SHAPE]})
    lat, lng = shape.centre()
    assert shape.contains(lat, lng)


def test_bbox_prefilter_rejects_far_points_quickly():
    shape = Shape(json.dumps({"type": "Polygon", "coordinates": [SQUARE]}))
    assert shape.bbox == (0, 0, 10, 10)
    assert not shape.contains(50, 50)


def test_service_area_from_bbox_and_from_a_geojson_file(tmp_path):
    area = bbox_shape(-7.80, 33.45, -7.35, 33.68)
    assert area.contains(33.57, -7.59)
    assert not area.contains(34.02, -6.83)  # Rabat
    path = tmp_path / "area.geojson"
    triangle = [[-7.7, 33.5], [-7.5, 33.5], [-7.6, 33.65], [-7.7, 33.5]]
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [triangle]},
                    }
                ],
            }
        )
    )
    shape = load_area_file(path)
    assert shape.contains(33.55, -7.6)
    assert not shape.contains(33.64, -7.69)


def test_distance_is_close_to_the_great_circle_distance():
    # 0.01 degree of latitude is about 1112 m.
    assert abs(distance_m(33.57, -7.59, 33.58, -7.59) - 1112) < 5
