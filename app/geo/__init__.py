"""Geography: pure geometry and the folium map rendering, with no dependency on features."""
