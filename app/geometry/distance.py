"""Short distances on the city's scale, by the equirectangular approximation."""

import math

EARTH_RADIUS_M = 6_371_000
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180


def distance_m(lat1, lng1, lat2, lng2):
    """Metres between two points; within 0.1 % of the great-circle distance below 10 km."""
    x = math.radians(lng2 - lng1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return EARTH_RADIUS_M * math.hypot(x, y)


def bbox_around(lat, lng, radius_m):
    """(west, south, east, north) of the square that holds the circle of `radius_m`."""
    dlat = radius_m / METRES_PER_DEGREE
    dlng = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return lng - dlng, lat - dlat, lng + dlng, lat + dlat
