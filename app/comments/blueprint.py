"""The `comments` blueprint: posting, replying, editing, deleting and supporting comments."""

from flask import Blueprint

from app.comments.context import thread_partial
from app.core.slots import fill

bp = Blueprint("comments", __name__)

fill(bp, "idea_detail.answers", "comments/_thread.html", context=thread_partial, order=30)
fill(bp, "creathon_outcome.discussion", "comments/_thread.html", context=thread_partial)

# The view modules hang their routes on `bp`, so they are imported once it exists; only
# `create_app` imports this module, which keeps the import order one way.
from app.comments import views  # noqa: E402, F401
