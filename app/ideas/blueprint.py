"""The `ideas` blueprint: browsing, proposing and the category admin."""

from flask import Blueprint

from app.core.slots import declare_slots, fill
from app.ideas.context import home_district_partial, latest_ideas, month_figure, template_helpers

bp = Blueprint("ideas", __name__)

declare_slots(
    bp,
    {
        "idea_detail.top": "ideas/detail.html, above the title: what became of the idea; gets `idea`",
        "idea_detail.support": "ideas/detail.html, below the facts; gets `idea`",
        "idea_detail.proposer": "ideas/detail.html, who proposed an idea without an author; gets `idea`",
        "idea_detail.facts": "ideas/detail.html, more facts (<div><dt>…</dt><dd>…</dd></div>); gets `idea`",
        "idea_detail.answers": "ideas/detail.html, below the map: what others made of the idea; gets `idea`",
        "idea_detail.end": "ideas/detail.html, the idea's last lines; gets `idea`",
        "idea_card.title": "ideas/_idea_card.html, a title in place of the idea's own (a link is "
        "around it); gets `idea` and `listed`, the ideas of the page",
        "idea_card.support": "ideas/_idea_card.html, at the foot of a card; gets `idea`",
        "my_ideas.status": "ideas/mine.html, under an idea's status in its author's list; gets `idea`",
        "idea_form.similar_support": "ideas/form.html, under each similar idea; gets `idea`",
        "idea_map.scripts": "ideas/map.html, the scripts the map's popups need",
    },
)
bp.context_processor(template_helpers)
fill(bp, "home.after_intro", "ideas/_latest.html", context=latest_ideas)
fill(bp, "home.figures", "ideas/_home_figure.html", context=month_figure, order=10)
fill(bp, "account_settings.sections", "ideas/_home_district.html", context=home_district_partial)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.ideas.views import admin, browse, propose, resident  # noqa: E402, F401
