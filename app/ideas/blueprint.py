"""The `ideas` blueprint, shared by the browsing, proposing and category admin views."""

from flask import Blueprint

bp = Blueprint("ideas", __name__)
