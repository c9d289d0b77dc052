"""The `api` blueprint: the GeoJSON map endpoint and the public read API under /api/v1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.api.views import docs, geojson, projects, public  # noqa: E402, F401
