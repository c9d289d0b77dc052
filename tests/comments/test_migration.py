"""The migration that makes `reply_count` count published replies only recounts existing threads."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app.comments import services
from app.comments.models import Comment
from app.extensions import db
from tests.comments.helpers import post
from tests.factories import make_idea, make_user

pytestmark = pytest.mark.committing  # DDL and a connection of its own


def test_upgrade_counts_only_the_published_replies_of_existing_comments(app):
    idea = make_idea()
    parent = post(make_user(), idea)
    post(make_user(), idea, "Shown", parent=parent)
    hidden = post(make_user(), idea, "Hidden", parent=parent)
    post(make_user(), idea, "Waiting", parent=parent, premoderation=True)
    services.change_status(hidden, hidden.updated_at, ("published",), "hidden")
    db.session.commit()
    parent_id = parent.id
    db.session.remove()
    downgrade(revision="0023")
    assert db.session.scalar(text("SELECT reply_count FROM comments WHERE id = :id"), {"id": parent_id}) == 3
    db.session.remove()
    upgrade()
    assert db.session.get(Comment, parent_id).reply_count == 1
