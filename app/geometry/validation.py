"""Checks of boundary geometry with Shapely (GEOS): invalid rings, overlaps, and how much of a
boundary lies outside an area; pure."""

import re
from dataclasses import dataclass

import shapely
from shapely.geometry import shape as to_shapely
from shapely.validation import explain_validity

# Overlaps smaller than this share of the smaller district are rounding along a shared border.
OVERLAP_TOLERANCE = 0.005
_WHERE = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)\s*\]")


@dataclass(frozen=True)
class Invalidity:
    """Why a geometry is invalid: GEOS's `kind` ("Self-intersection", "Ring Self-intersection",
    "Hole lies outside shell"…) and the point where it was found, when given."""

    kind: str
    lng: float | None = None
    lat: float | None = None


def geometry_of(geojson):
    """A Shapely geometry from a GeoJSON dict (already checked by polygons.polygons_of)."""
    return to_shapely(geojson)


def invalidity(geometry):
    """None for a valid geometry, else an Invalidity."""
    if geometry.is_valid:
        return None
    reason = explain_validity(geometry)
    found = _WHERE.search(reason)
    kind = reason[: found.start()].strip() if found else reason.strip()
    if found:
        return Invalidity(kind, float(found.group(1)), float(found.group(2)))
    return Invalidity(kind)


def area_of(shape):
    """A polygons.Shape as a Shapely (multi)polygon."""
    return to_shapely({"type": "MultiPolygon", "coordinates": shape.polygons})


def share_outside(geometry, area):
    """The share (0 to 1) of `geometry`'s surface that lies outside `area`."""
    if geometry.area == 0:
        return 0.0
    return geometry.difference(area).area / geometry.area


def swapped(geometry):
    """The geometry with longitude and latitude exchanged (a common mistake in exports)."""
    return shapely.transform(geometry, lambda coords: coords[:, ::-1])


def overlap_share(a, b):
    """The share of the smaller of `a` and `b` that the other covers; 0 below the tolerance."""
    smaller = min(a.area, b.area)
    if smaller == 0 or not a.intersects(b):
        return 0.0
    share = a.intersection(b).area / smaller
    return share if share > OVERLAP_TOLERANCE else 0.0
