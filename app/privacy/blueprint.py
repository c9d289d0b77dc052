"""The `privacy` blueprint: the notice, its acceptance, the export and the deletion of an account."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)
