"""The `votes` blueprint: supporting ideas and the supporters' pages."""

from flask import Blueprint

from app.core.slots import fill
from app.votes.context import month_figure, support_partial, template_helpers

bp = Blueprint("votes", __name__)

bp.context_processor(template_helpers)
for _slot in ("idea_detail.support", "idea_card.support", "idea_form.similar_support"):
    fill(bp, _slot, "votes/_support.html", context=support_partial)
fill(bp, "idea_map.scripts", "votes/_script.html", context=support_partial)
fill(bp, "home.figures", "votes/_home_figure.html", context=month_figure, order=20)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.votes import views  # noqa: E402, F401
