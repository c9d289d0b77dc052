"""Geography: pure geometry, folium map rendering, map keys and their cluster aggregates."""
