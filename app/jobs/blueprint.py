"""The `jobs` blueprint: the admins' list of failed jobs."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.jobs import views  # noqa: E402, F401
