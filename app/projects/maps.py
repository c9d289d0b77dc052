"""The projects map: folium with Leaflet from static/, a pin or a line per placed project."""

import json

from branca.element import MacroElement
from flask import current_app, url_for
from jinja2 import Template
from markupsafe import Markup, escape

from app.ideas.maps import base_map, render_parts


def _popup(project, locale):
    # A link as HTML text, escaped here; Leaflet binds it (folium's Popup would need jQuery).
    title, lang = project.shown_title(locale)
    return str(
        Markup('<a href="{0}" lang="{1}" dir="auto">{2}</a>').format(
            url_for("projects.detail", project_id=project.id), lang, escape(title)
        )
    )


class ProjectsLayer(MacroElement):
    """Every placed project as one Leaflet GeoJSON layer (pins and lines), each with a popup
    linking its page: one element for the whole map, not one folium object per project."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.geoJSON({{ this.data|tojson }}, {"
        "style: {color: '#0b6e4f', weight: 5},"
        "onEachFeature: function (feature, layer) {"
        " layer.bindPopup(feature.properties.popup, {maxWidth: 260}); }"
        "}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, features):
        super().__init__()
        self._name = "ProjectsLayer"
        self.data = {"type": "FeatureCollection", "features": features}


def projects_map(projects, label, locale, zoom=12, center=None):
    """Map parts with each placed project."""
    config = current_app.config
    fmap = base_map(
        url_for("static", filename=""),
        config["TILE_URL"],
        config["TILE_ATTRIBUTION"],
        center or config["MAP_CENTER"],
        zoom,
    )
    features = [
        {"type": "Feature", "geometry": json.loads(p.geometry), "properties": {"popup": _popup(p, locale)}}
        for p in projects
        if p.geometry
    ]
    ProjectsLayer(features).add_to(fmap)
    return render_parts(fmap, label)


def project_center(project):
    """(lat, lng) of a project's place (the middle point of a line), or None."""
    if not project.geometry:
        return None
    shape = json.loads(project.geometry)
    if shape["type"] == "Point":
        lng, lat = shape["coordinates"]
    else:
        lng, lat = shape["coordinates"][len(shape["coordinates"]) // 2]
    return lat, lng
