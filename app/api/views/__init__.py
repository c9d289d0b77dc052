"""The GeoJSON map endpoint and the public read API; routes on `app.api.blueprint.bp`."""
