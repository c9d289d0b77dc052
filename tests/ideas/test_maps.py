"""Folium maps rendered into page parts: Leaflet from this site only, nothing from other hosts."""

import pytest
from folium.plugins import MarkerCluster

from app.ideas.maps import ThirdPartyAsset, base_map, header_links, render_parts

TILES = "/tiles/{z}/{x}/{y}.png"


def _map():
    return base_map("/static/", TILES, "© contributors", (33.59, -7.62), 13)


def test_a_rendered_map_loads_leaflet_from_this_site_alone():
    parts = render_parts(_map(), "Map of ideas")
    # Found through branca's private `_children` (header_links): this fails if folium or branca
    # stop keeping the head's links there, before pages lose their map.
    assert str(parts.assets).count("<script") == 1
    assert 'src="/static/vendor/leaflet/leaflet.js"' in parts.assets
    assert 'href="/static/vendor/leaflet/leaflet.css"' in parts.assets
    assert "//" not in parts.assets
    assert f'id="{parts.var_name}"' in parts.html
    assert 'aria-label="Map of ideas"' in parts.html
    assert f"var {parts.var_name} = L.map(" in parts.script


def test_header_links_are_the_ones_folium_was_given():
    fmap = _map()
    figure = fmap.get_root()
    figure.render()
    assert sorted(link.url for link in header_links(figure)) == [
        "/static/vendor/leaflet/leaflet.css",
        "/static/vendor/leaflet/leaflet.js",
    ]


def test_a_map_asset_on_another_host_is_refused():
    fmap = _map()
    MarkerCluster().add_to(fmap)
    with pytest.raises(ThirdPartyAsset):
        render_parts(fmap, "Map")
