"""Moderation: the review queue, decisions, reports, the city's answers and transparency."""

from flask import Blueprint

bp = Blueprint("moderation", __name__)
