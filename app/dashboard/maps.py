"""The districts choropleth: folium, with the boundaries stored with the districts and
Leaflet served from static/ (app.ideas.maps)."""

import json
from functools import lru_cache

import folium
from flask import current_app
from flask_babel import gettext as _

from app.ideas.maps import base_map, render_parts
from app.ideas.viewhelpers import static_url

# Five classes from light to dark; districts without a population are grey.
COLOURS = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
UNKNOWN = "#bdbdbd"
COLUMNS = {
    "ideas": "published_per_1000",
    "supports": "supports_per_1000",
    "participants": "participants_per_1000",
}


def classes(values):
    """Upper bounds of five equal classes between 0 and the largest value."""
    peak = max(values, default=0) or 1
    return [round(peak * (i + 1) / len(COLOURS), 2) for i in range(len(COLOURS))]


def colour_of(value, bounds):
    if value is None:
        return UNKNOWN
    return next((COLOURS[i] for i, bound in enumerate(bounds) if value <= bound), COLOURS[-1])


def legend(table, measure):
    """(colour, lower, upper) of each class, and whether some district has no population."""
    column = COLUMNS[measure]
    values = [row[column] for row in table.rows if row.get("_district") is not None]
    bounds = classes([v for v in values if v is not None])
    lower = [0, *bounds[:-1]]
    return [(COLOURS[i], lower[i], bounds[i]) for i in range(len(COLOURS))], any(v is None for v in values)


def choropleth_parts(table, measure):
    """Folium map parts of the districts coloured by `measure` per 1,000 inhabitants, or None
    when no district is known."""
    column = COLUMNS[measure]
    rows = [row for row in table.rows if row.get("_district") is not None]
    if not rows:
        return None
    bounds = classes([row[column] for row in rows if row[column] is not None])
    config = current_app.config
    features = []
    for row in rows:
        value = row[column]
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry(row["_district"].geometry),
                "properties": {
                    "name": row["label"],
                    "value": _("unknown population") if value is None else str(value),
                    "colour": colour_of(value, bounds),
                },
            }
        )
    label = _("Map of the districts, coloured by the figure chosen above")
    document = json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, sort_keys=True
    )
    return _rendered(
        document,
        label,
        static_url,
        config["TILE_URL"],
        config["TILE_ATTRIBUTION"],
        tuple(config["MAP_CENTER"]),
    )


@lru_cache(maxsize=64)
def _rendered(document, label, static_url, tile_url, attribution, centre):
    # Folium compiles a template for each element it creates (about 15 ms a map): the same
    # colours, names and language give the same map, rendered once per process.
    fmap = base_map(static_url, tile_url, attribution, centre, 11)
    folium.GeoJson(
        json.loads(document),
        name="districts",
        style_function=lambda feature: {
            "fillColor": feature["properties"]["colour"],
            "color": "#333333",
            "weight": 1,
            "fillOpacity": 0.7,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "value"], labels=False),
    ).add_to(fmap)
    return render_parts(fmap, label)


@lru_cache(maxsize=256)
def _geometry(text):
    return json.loads(text)
