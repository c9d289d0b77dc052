"""The `projects` blueprint: the public list, map, pages and district reports; staff management."""

from flask import Blueprint

from app.core.slots import fill
from app.notifications.messages import declare_kinds
from app.projects.context import idea_banner, template_helpers, transparency_partial
from app.projects.notices import KINDS

bp = Blueprint("projects", __name__)
declare_kinds(bp, KINDS)

bp.context_processor(template_helpers)
fill(bp, "idea_detail.top", "projects/_idea_banner.html", context=idea_banner)
fill(bp, "transparency.after", "projects/_transparency.html", context=transparency_partial)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.projects.views import manage, public  # noqa: E402, F401
