"""The `notifications` blueprint: the notifications page and its preferences."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.notifications import views  # noqa: E402, F401
