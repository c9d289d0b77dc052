"""The `notifications` blueprint: the notifications page and its preferences."""

from flask import Blueprint

from app.core.slots import fill
from app.notifications.context import nav_partial

bp = Blueprint("notifications", __name__)

fill(bp, "layout.nav_member", "notifications/_nav.html", context=nav_partial, order=20)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.notifications import views  # noqa: E402, F401
