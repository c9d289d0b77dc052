"""The `core` blueprint: the home page, health and the development outbox."""

from flask import Blueprint

from app.core.slots import declare_slots

bp = Blueprint("core", __name__)

declare_slots(
    bp,
    {
        "layout.notices": "base.html, above the flashed messages of every page",
        "layout.nav_member": "_nav.html, the signed-in visitor's links after “My supports”",
        "home.after_intro": "core/home.html, below the introduction",
        "home.figures": "core/home.html, the month's figures: each filler gives one <li class=figure>",
    },
)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.core import views  # noqa: E402, F401
