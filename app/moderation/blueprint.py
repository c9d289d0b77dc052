"""The `moderation` blueprint: the queue and decisions, authors' corrections, the public pages."""

from flask import Blueprint

from app.core.slots import declare_slots, fill
from app.moderation.comment_notices import KINDS as COMMENT_KINDS
from app.moderation.context import (
    author_decision_partial,
    nav_partial,
    public_status_partial,
    report_partial,
    template_helpers,
)
from app.moderation.notices import KINDS
from app.notifications.messages import declare_kinds

bp = Blueprint("moderation", __name__)
declare_kinds(bp, KINDS)
declare_kinds(bp, COMMENT_KINDS)

declare_slots(bp, {"transparency.after": "moderation/transparency.html, after the moderation figures"})
bp.context_processor(template_helpers)
fill(bp, "idea_detail.answers", "moderation/_author_decision.html", context=author_decision_partial, order=5)
fill(bp, "idea_detail.answers", "moderation/_public_status.html", context=public_status_partial, order=10)
fill(bp, "my_ideas.status", "moderation/_my_idea_decision.html", context=author_decision_partial)
fill(bp, "idea_detail.end", "moderation/_report.html", context=report_partial)
fill(bp, "layout.nav_member", "moderation/_nav.html", context=nav_partial, order=10)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.moderation.views import comments, corrections, decisions, public, staff, team  # noqa: E402, F401
