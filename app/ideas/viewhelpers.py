"""Small helpers shared by the ideas views: visibility, locale, staff check, map parts."""

import json

import folium
from flask import current_app, url_for
from flask_babel import get_locale
from flask_login import current_user

from app.ideas.maps import base_map, render_parts
from app.ideas.queries import PUBLIC_STATUSES

# District boundaries: a thin dashed grey line, described by the map page's legend.
DISTRICT_STYLE = {"color": "#4f5b57", "weight": 1.5, "dashArray": "4 4", "fill": False}


def current_locale():
    return str(get_locale())


def is_staff():
    return current_user.is_authenticated and current_user.is_staff


def can_view(idea, user):
    if idea.status in PUBLIC_STATUSES:
        return True
    return user.is_authenticated and (user.is_staff or idea.author_id == user.id)


def static_url(filename):
    """A static file's address, hashed when the app serves hashed names (app/core/assets.py)."""
    return url_for("static", filename=filename)


def map_parts(center, zoom, label, marker=None, circle_m=None, outline=None, districts=()):
    """A folium map with the configured tiles, optionally a marker or an approximate circle,
    the outline of a shape (the service area) and the districts' boundaries, which clicks go
    through."""
    config = current_app.config
    fmap = base_map(static_url, config["TILE_URL"], config["TILE_ATTRIBUTION"], center, zoom)
    if circle_m:
        folium.Circle(location=list(center), radius=circle_m, color="#0b6e4f", fill=True).add_to(fmap)
    elif marker:
        folium.Marker(location=list(marker)).add_to(fmap)
    if outline is not None:
        for polygon in outline.polygons:
            ring = [[lat, lng] for lng, lat, *_ in polygon[0]]
            folium.Polygon(ring, color="#0b6e4f", weight=2, dash_array="6 6", fill=False).add_to(fmap)
    if districts:
        folium.GeoJson(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": json.loads(d.geometry), "properties": {}}
                    for d in districts
                ],
            },
            name="districts",
            style_function=lambda _feature: DISTRICT_STYLE,
            interactive=False,
        ).add_to(fmap)
    return render_parts(fmap, label)
