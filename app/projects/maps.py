"""The projects map: folium with Leaflet from static/, a pin or a line per placed project."""

import json

import folium
from branca.element import MacroElement
from flask import current_app, url_for
from jinja2 import Template
from markupsafe import Markup, escape

from app.ideas.maps import base_map, render_parts


class LinkPopup(MacroElement):
    """A popup holding a link, bound with Leaflet alone (folium's Popup builds it with jQuery,
    which these pages do not load)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.html|tojson }}, {maxWidth: 260});"
        "{% endmacro %}"
    )

    def __init__(self, html):
        super().__init__()
        self._name = "LinkPopup"
        self.html = str(html)


def _popup(project, locale):
    title, lang = project.shown_title(locale)
    return LinkPopup(
        Markup('<a href="{0}" lang="{1}" dir="auto">{2}</a>').format(
            url_for("projects.detail", project_id=project.id), lang, escape(title)
        )
    )


def projects_map(projects, label, locale, zoom=12, center=None):
    """Map parts with each placed project; a city has tens of projects, not thousands, so
    they are drawn inline rather than loaded by area."""
    config = current_app.config
    fmap = base_map(
        url_for("static", filename=""),
        config["TILE_URL"],
        config["TILE_ATTRIBUTION"],
        center or config["MAP_CENTER"],
        zoom,
    )
    for project in projects:
        if not project.geometry:
            continue
        shape = json.loads(project.geometry)
        if shape["type"] == "Point":
            lng, lat = shape["coordinates"]
            shape_layer = folium.Marker(location=[lat, lng])
        else:
            line = [[lat, lng] for lng, lat in shape["coordinates"]]
            shape_layer = folium.PolyLine(line, color="#0b6e4f", weight=5)
        _popup(project, locale).add_to(shape_layer)
        shape_layer.add_to(fmap)
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
