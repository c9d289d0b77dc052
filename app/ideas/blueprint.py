"""The `ideas` blueprint: browsing, proposing and the category admin."""

from flask import Blueprint

bp = Blueprint("ideas", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.ideas.views import admin, browse, propose  # noqa: E402, F401
