"""The `dashboard` blueprint: the public dashboard, its CSV downloads and the populations page."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__)
