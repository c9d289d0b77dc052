"""The `opendata` blueprint: the open-data page and the dataset downloads."""

from flask import Blueprint

bp = Blueprint("opendata", __name__)
