"""Pure geometry: Morton keys of map cells, short distances, GeoJSON polygons (no models, no
database, no Flask: importable from anywhere)."""
