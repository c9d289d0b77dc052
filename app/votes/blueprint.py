"""The `votes` blueprint: supporting ideas and the supporters' pages."""

from flask import Blueprint

bp = Blueprint("votes", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.votes import views  # noqa: E402, F401
