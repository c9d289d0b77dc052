"""Pure GeoJSON geometry: validation, bounding boxes, centres and point-in-polygon by ray casting."""

import json
import math


class GeometryError(ValueError):
    """A geometry that is not a usable Polygon or MultiPolygon."""


def _check_ring(ring):
    if not isinstance(ring, list) or len(ring) < 4:
        raise GeometryError("a ring needs at least four positions")
    for position in ring:
        if (
            not isinstance(position, (list, tuple))
            or len(position) < 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position[:2])
        ):
            raise GeometryError("a position must be two numbers [longitude, latitude]")
        lng, lat = position[0], position[1]
        if not (-180 <= lng <= 180 and -90 <= lat <= 90) or math.isnan(lng) or math.isnan(lat):
            raise GeometryError("a position is outside longitude -180..180 or latitude -90..90")
    if list(ring[0][:2]) != list(ring[-1][:2]):
        raise GeometryError("a ring must end where it starts")


def polygons_of(geometry):
    """The geometry as a list of polygons (each a list of rings: outer ring, then holes)."""
    if not isinstance(geometry, dict):
        raise GeometryError("the geometry is missing")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        raise GeometryError(f"geometry type {kind!r} is not Polygon or MultiPolygon")
    if not isinstance(polygons, list) or not polygons:
        raise GeometryError("the geometry has no coordinates")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise GeometryError("a polygon needs at least an outer ring")
        for ring in polygon:
            _check_ring(ring)
    return polygons


def bbox_of(polygons):
    """(min_lng, min_lat, max_lng, max_lat) of the outer rings."""
    xs = [p[0] for polygon in polygons for p in polygon[0]]
    ys = [p[1] for polygon in polygons for p in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _ring_area_centroid(ring):
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip((p[:2] for p in ring), (p[:2] for p in ring[1:]), strict=False):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def centre_of(polygons):
    """A point inside the geometry, used to place approximate ideas: the area centroid of the
    largest polygon when it falls inside, else the middle of an inner horizontal chord."""
    largest = max(polygons, key=lambda polygon: abs(_ring_area_centroid(polygon[0])[0]))
    _area, lng, lat = _ring_area_centroid(largest[0])
    if point_in_polygon(lng, lat, largest):
        return lat, lng
    # Concave shapes: cross the polygon at the centroid's latitude and take the widest inside run.
    xs = sorted(_crossings(lat, largest))
    best = max(zip(xs[0::2], xs[1::2], strict=False), key=lambda run: run[1] - run[0], default=None)
    if best is None:
        return largest[0][0][1], largest[0][0][0]
    return lat, (best[0] + best[1]) / 2


def _crossings(lat, polygon):
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip((p[:2] for p in ring), (p[:2] for p in ring[1:]), strict=False):
            if (y1 > lat) != (y2 > lat):
                yield x1 + (lat - y1) * (x2 - x1) / (y2 - y1)


def point_in_ring(lng, lat, ring):
    """Ray casting: count the edges a ray going east from the point crosses."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_polygon(lng, lat, polygon):
    """Inside the outer ring and outside every hole."""
    if not point_in_ring(lng, lat, polygon[0]):
        return False
    return not any(point_in_ring(lng, lat, hole) for hole in polygon[1:])


class Shape:
    """A parsed Polygon/MultiPolygon with its bounding box, for repeated point tests."""

    def __init__(self, geometry):
        if isinstance(geometry, str):
            geometry = json.loads(geometry)
        self.polygons = polygons_of(geometry)
        self.bbox = bbox_of(self.polygons)

    def contains(self, lat, lng):
        west, south, east, north = self.bbox
        if not (west <= lng <= east and south <= lat <= north):
            return False
        return any(point_in_polygon(lng, lat, polygon) for polygon in self.polygons)

    def centre(self):
        return centre_of(self.polygons)


def bbox_shape(west, south, east, north):
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return Shape({"type": "Polygon", "coordinates": [ring]})


def load_area_file(path):
    """The first Polygon/MultiPolygon of a GeoJSON file (geometry, Feature or FeatureCollection)."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    if document.get("type") == "FeatureCollection":
        features = document.get("features") or []
        if not features:
            raise GeometryError("the service area file has no feature")
        document = features[0]
    if document.get("type") == "Feature":
        document = document.get("geometry")
    return Shape(document)


_AREA_CACHE = {}


def service_area(config):
    """The area ideas may be placed in: SERVICE_AREA_FILE's polygon, else SERVICE_AREA_BBOX."""
    path = config.get("SERVICE_AREA_FILE")
    key = path or tuple(config["SERVICE_AREA_BBOX"])
    if key not in _AREA_CACHE:
        _AREA_CACHE[key] = load_area_file(path) if path else bbox_shape(*config["SERVICE_AREA_BBOX"])
    return _AREA_CACHE[key]
