"""The `moderation` blueprint: the queue and decisions, authors' corrections, the public pages."""

from flask import Blueprint

from app.moderation.notices import KINDS
from app.notifications.messages import declare_kinds

bp = Blueprint("moderation", __name__)
declare_kinds(bp, KINDS)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.moderation.views import corrections, public, staff  # noqa: E402, F401
