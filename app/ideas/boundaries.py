"""Checks of district boundaries with Shapely (GEOS): invalid rings, overlaps, and how much of a
boundary lies outside an area; the warnings the district import prints about them."""

import re
from dataclasses import dataclass

import shapely
from flask_babel import lazy_gettext as _l
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


def problem(where, message):
    """ "feature 3 (Anfa): <message>", translated."""
    return _l("%(feature)s: %(problem)s", feature=where, problem=message)


def placement_warnings(rows, others, area=None):
    """Warnings (translated) for boundaries outside `area` (a polygons.Shape: the service area)
    or overlapping another district: of the file, or `others` ({slug: Shapely geometry}) already
    stored and not in the file."""
    warnings = []
    bounds = area_of(area) if area is not None else None
    for row in rows:
        geometry = row["valid"]
        if bounds is not None:
            outside = share_outside(geometry, bounds)
            if outside > 0.999 and share_outside(swapped(geometry), bounds) < 0.5:
                warnings.append(
                    problem(
                        row["where"],
                        _l("lies outside the service area; its longitudes and latitudes look swapped"),
                    )
                )
            elif outside > 0.999:
                warnings.append(problem(row["where"], _l("lies outside the service area")))
            elif outside > 0.01:
                warnings.append(
                    problem(
                        row["where"],
                        _l("%(percent)s%% of it lies outside the service area", percent=round(outside * 100)),
                    )
                )
    named = [(row["slug"], row["valid"], row["where"]) for row in rows]
    named += [(slug, geometry, slug) for slug, geometry in others.items()]
    for i, (_slug, geometry, where) in enumerate(named[: len(rows)]):
        for other_slug, other, _other_where in named[i + 1 :]:
            share = overlap_share(geometry, other)
            if share:
                warnings.append(
                    problem(
                        where,
                        _l(
                            "overlaps the district '%(other)s' (%(percent)s%% of the smaller one)",
                            other=other_slug,
                            percent=max(1, round(share * 100)),
                        ),
                    )
                )
    return warnings
