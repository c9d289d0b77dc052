"""The `follows` blueprint: follow buttons, the following page, settings and unsubscribe."""

from flask import Blueprint

from app.core.slots import fill
from app.follows.context import event_follow_partial, idea_follow_partial, nav_partial
from app.follows.messages import KINDS
from app.follows.services import follow_supported_idea
from app.notifications.messages import declare_kinds
from app.votes.signals import idea_supported

bp = Blueprint("follows", __name__)
declare_kinds(bp, KINDS)

fill(bp, "idea_detail.support", "follows/_follow.html", context=idea_follow_partial, order=50)
fill(bp, "creathon_event.actions", "follows/_follow.html", context=event_follow_partial)
fill(bp, "layout.nav_member", "follows/_nav.html", context=nav_partial, order=25)
# Supporting an idea follows it (the votes feature, below, only says that a support happened).
idea_supported.connect(follow_supported_idea)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.follows import views  # noqa: E402, F401
