"""The projects' work done by the worker: telling a project's followers what changed."""

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.jobs.registry import handler
from app.notifications.services import notify
from app.projects.queries import follower_ids

BATCH = 500


@handler("project_followers")
def tell_followers(payload):
    """One on-site notification per follower, in batches; the email comes in the following
    digest (daily or weekly, as each resident chose at /follows), as for the ideas they follow."""
    ids = follower_ids(payload["project_id"])
    for start in range(0, len(ids), BATCH):
        users = db.session.scalars(
            select(User).where(User.id.in_(ids[start : start + BATCH])).order_by(User.id)
        ).all()
        notify(users, "project_update", None, by_email=False, **payload["params"])
