"""The `accounts` blueprint: registration, verification, sign-in, password reset, settings and roles."""

from flask import Blueprint

from app.core.slots import declare_slots, fill

bp = Blueprint("accounts", __name__)

declare_slots(bp, {"account_settings.sections": "accounts/settings.html, after the profile form"})

fill(bp, "layout.notices", "accounts/_verify_notice.html")

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.accounts import views  # noqa: E402, F401
