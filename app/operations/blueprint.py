"""The `operations` blueprint: probes for load balancers and supervisors."""

from flask import Blueprint

bp = Blueprint("operations", __name__)
