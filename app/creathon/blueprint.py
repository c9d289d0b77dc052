"""The `creathon` blueprint: event pages, outcome links and the facilitators' import flow."""

from flask import Blueprint

bp = Blueprint("creathon", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.creathon.views import events, imports  # noqa: E402, F401
