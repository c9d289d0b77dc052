"""The projects map: folium with Leaflet from static/, a pin or a line per placed project."""

import json

from branca.element import MacroElement
from flask import current_app, url_for
from jinja2 import Template

from app.ideas.maps import base_map, render_parts
from app.projects.models import LANGUAGES, shown_title


class ProjectsLayer(MacroElement):
    """Every placed project as one Leaflet GeoJSON layer (pins and lines), each with a popup
    linking its page: one element for the whole map, not one folium object per project. The
    popup's link is built as DOM nodes from the feature's properties, so a title is text, never
    markup."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.geoJSON({{ this.data }}, {"
        "style: {color: '#0b6e4f', weight: 5},"
        "onEachFeature: function (feature, layer) {"
        " var p = feature.properties, a = document.createElement('a');"
        " a.href = {{ this.base|tojson }} + p.id; a.lang = p.lang; a.dir = 'auto';"
        " a.textContent = p.title;"
        " layer.bindPopup(a, {maxWidth: 260}); }"
        "}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, features, base):
        super().__init__()
        self._name = "ProjectsLayer"
        self.data = '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"
        self.base = base


def _script_safe(value):
    """JSON text that can sit inside a <script> element (what Jinja's `tojson` does)."""
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
    )


def feature(project_id, titles, geometry, locale):
    """A GeoJSON feature as JSON text: the project's stored shape (GeoJSON the forms wrote, see
    forms.geometry_of), its number and its title in `locale` (or in the language it exists in).
    Written as text rather than dumped: with thousands of projects, that is most of the map's
    cost."""
    title, lang = shown_title(titles, locale)
    properties = _script_safe({"id": project_id, "title": title, "lang": lang})
    return f'{{"type":"Feature","geometry":{geometry},"properties":{properties}}}'


def features_of_rows(rows, locale):
    """Features from `queries.placed_projects` rows (id, title_fr, title_ar, title_en, geometry)."""
    return [
        feature(project_id, {"fr": fr, "ar": ar, "en": en}, geometry, locale)
        for project_id, fr, ar, en, geometry in rows
    ]


def features_of_projects(projects, locale):
    return [
        feature(p.id, {lang: p.title_in(lang) for lang in LANGUAGES}, p.geometry, locale)
        for p in projects
        if p.geometry
    ]


def projects_map(features, label, zoom=12, center=None):
    """Map parts drawing `features` (see `feature`)."""
    config = current_app.config
    fmap = base_map(
        lambda name: url_for("static", filename=name),  # hashed names (app/core/assets.py)
        config["TILE_URL"],
        config["TILE_ATTRIBUTION"],
        center or config["MAP_CENTER"],
        zoom,
    )
    # The page address of project 0 without its number: each popup adds its project's.
    base = url_for("projects.detail", project_id=0)[:-1]
    ProjectsLayer(features, base).add_to(fmap)
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
