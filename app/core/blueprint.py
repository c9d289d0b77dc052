"""The `core` blueprint: the home page, health and the development outbox."""

from flask import Blueprint

bp = Blueprint("core", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.core import views  # noqa: E402, F401
