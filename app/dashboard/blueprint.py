"""The `dashboard` blueprint: the public dashboard, its CSV downloads and the populations page."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module.
from app.dashboard import views  # noqa: E402, F401
