"""The `operations` blueprint: probes for load balancers and supervisors."""

from flask import Blueprint

bp = Blueprint("operations", __name__)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.operations import views  # noqa: E402, F401
