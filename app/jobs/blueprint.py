"""The `jobs` blueprint: the admins' list of failed jobs."""

from flask import Blueprint

bp = Blueprint("jobs", __name__)
