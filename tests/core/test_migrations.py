"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db
from app.geo.text import include_name


def test_migrations_match_models(app):
    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": include_name}
        context = MigrationContext.configure(connection, opts=opts)
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_migrations_reach_a_single_head(app):
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    config = Config(str(app.config["MIGRATIONS_DIR"] / "alembic.ini"))
    config.set_main_option("script_location", str(app.config["MIGRATIONS_DIR"]))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
