"""The `creathon` blueprint: event pages, outcome links and the facilitators' import flow."""

from flask import Blueprint

from app.core.slots import declare_slots, fill
from app.creathon.context import card_title_partial, discussed_partial, home_partial, template_helpers

bp = Blueprint("creathon", __name__)

declare_slots(
    bp,
    {
        "creathon_event.actions": "creathon/event.html, under the event's facts; gets `event`",
        "creathon_outcome.discussion": "creathon/outcome.html, after the outcome's text; gets `idea`",
    },
)
bp.context_processor(template_helpers)
fill(bp, "idea_detail.answers", "creathon/_discussed.html", context=discussed_partial, order=20)
fill(bp, "idea_card.title", "creathon/_card_title.html", context=card_title_partial)
fill(bp, "home.after_intro", "creathon/_home_events.html", context=home_partial, order=150)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.creathon.views import events, history, imports  # noqa: E402, F401
