"""The projects map: folium with Leaflet from static/, a pin or a line per placed project."""

import json

import folium
from flask import current_app, url_for
from markupsafe import Markup, escape

from app.ideas.maps import base_map, render_parts


def _popup(project, locale):
    title, lang = project.shown_title(locale)
    link = Markup('<a href="{0}" lang="{1}" dir="auto">{2}</a>').format(
        url_for("projects.detail", project_id=project.id), lang, escape(title)
    )
    return folium.Popup(str(link), max_width=260)


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
            folium.Marker(location=[lat, lng], popup=_popup(project, locale)).add_to(fmap)
        else:
            line = [[lat, lng] for lng, lat in shape["coordinates"]]
            folium.PolyLine(line, color="#0b6e4f", weight=5, popup=_popup(project, locale)).add_to(fmap)
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
