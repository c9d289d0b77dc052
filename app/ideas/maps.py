"""Folium maps with Leaflet served from static/vendor, split into parts a page can embed."""

from dataclasses import dataclass

import folium
from branca.element import CssLink, JavascriptLink
from markupsafe import Markup, escape

from app.ideas.maplabels import leaflet_labels


class ThirdPartyAsset(RuntimeError):
    """A map asset points at another host; the CSP and the house rules forbid it."""


def leaflet_assets(static_url):
    """Folium's (name, url) lists for Leaflet, pointing at our own copy. `static_url` is the
    static prefix, or a function of a file's name (the app's, which gives hashed names)."""
    if callable(static_url):
        url = static_url
    else:
        url = (static_url.rstrip("/") + "/{}").format
    scripts = [("leaflet", url("vendor/leaflet/leaflet.js"))]
    return scripts, [("leaflet_css", url("vendor/leaflet/leaflet.css"))]


class LocalMap(folium.Map):
    """A folium Map whose assets are Leaflet alone, from this site (no jQuery, Bootstrap,
    Font Awesome or CDN links: the maps here need none of them)."""

    def __init__(self, static_url, **kwargs):
        super().__init__(**kwargs)
        self.default_js, self.default_css = leaflet_assets(static_url)


def base_map(static_url, tile_url, attribution, center, zoom, **options):
    """A map with the configured tiles, a scale bar and nothing else."""
    fmap = LocalMap(
        static_url,
        location=list(center),
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        **options,
    )
    folium.TileLayer(tiles=tile_url, attr=attribution, name="tiles", max_zoom=19).add_to(fmap)
    return fmap


@dataclass
class MapParts:
    var_name: str
    assets: Markup
    html: Markup
    script: str

    @property
    def labels(self):
        """Leaflet's own words in the page's language, for static/js/leaflet-labels.js."""
        return leaflet_labels()


def header_links(figure):
    """The script and stylesheet links folium put in a rendered figure's head. branca keeps an
    element's children only in its `_children` (it has no public accessor), so this reads it:
    folium and branca are pinned in requirements.txt, and tests/ideas/test_maps.py fails when
    the links are no longer found there."""
    children = figure.header._children.values()
    return [child for child in children if isinstance(child, (JavascriptLink, CssLink))]


def render_parts(fmap, label):
    """Render `fmap` into what a page embeds: asset tags for the head, the map element, and
    the generated script (to be emitted with the CSP nonce). Folium's page-level styles,
    which would restyle our whole page, are left out."""
    figure = fmap.get_root()
    figure.render()
    tags = []
    for link in header_links(figure):
        if "//" in link.url:
            raise ThirdPartyAsset(link.url)
        tags.append(link.render().strip())
    name = fmap.get_name()
    html = Markup('<div class="folium-map" id="{0}" role="region" aria-label="{1}"></div>').format(
        name, escape(label)
    )
    # The tags are folium's own markup around URLs this module chose (checked local above).
    return MapParts(name, Markup("\n".join(tags)), html, figure.script.render())  # noqa: S704
