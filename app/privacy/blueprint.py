"""The `privacy` blueprint: the notice, its acceptance, the export and the deletion of an account."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.privacy import views  # noqa: E402, F401
