"""The `relays` blueprint: relays' pages, paper forms, imports, the admin of relays, and the
places relays fill on the idea page, the menu and the transparency page."""

from flask import Blueprint

from app.core.slots import fill
from app.relays.context import (
    channels_partial,
    facts_partial,
    nav_partial,
    proposer_partial,
    template_helpers,
)

bp = Blueprint("relays", __name__)

bp.context_processor(template_helpers)
fill(bp, "idea_detail.proposer", "relays/_proposer.html", context=proposer_partial)
fill(bp, "idea_detail.facts", "relays/_facts.html", context=facts_partial)
fill(bp, "layout.nav_member", "relays/_nav.html", context=nav_partial, order=30)
fill(bp, "transparency.after", "relays/_channels.html", context=channels_partial, order=200)

# The view modules hang their routes on `bp`, and the receivers connect to the signals of the
# features below, once `bp` exists; only `create_app` imports this module.
from app.relays import receivers  # noqa: E402, F401
from app.relays.views import admin, entry, imports, sheets  # noqa: E402, F401
