"""JSON and GeoJSON endpoints under /api/v1."""
