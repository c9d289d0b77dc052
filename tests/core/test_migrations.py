"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db

pytestmark = pytest.mark.committing  # DDL and a connection of their own


def test_migrations_match_models(app):
    with db.engine.connect() as connection:
        opts = {"compare_type": True}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_migrations_reach_a_single_head(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    config = Config(str(app.config["MIGRATIONS_DIR"] / "alembic.ini"))
    config.set_main_option("script_location", str(app.config["MIGRATIONS_DIR"]))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_migrations_go_down_and_up_again_keeping_the_data(app, db):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import func, select

    from app.ideas.models import Idea
    from app.moderation import services as moderation
    from app.votes import services as votes
    from tests.factories import make_idea, make_user

    idea = make_idea(status="pending")
    # An audit row references the idea without cascade: rebuilding `ideas` must keep it valid.
    moderation.approve_idea(idea, make_user(role="moderator"), idea.updated_at)
    db.session.commit()
    db.session.refresh(idea)
    votes.cast_vote(make_user(), idea)
    db.session.commit()
    idea_id = idea.id
    db.session.remove()
    # Down past the map keys and moderation (tables rebuilt on SQLite), then back to head.
    downgrade(revision="0004")
    upgrade()
    assert db.session.scalar(select(func.count(Idea.id))) == 1
    assert db.session.get(Idea, idea_id).support_count == 1
    test_migrations_match_models(app)
