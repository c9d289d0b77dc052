"""trigram index on idea titles for the map's text filter

Revision ID: 0009
Revises: 0003
Create Date: 2026-11-22 09:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0003'
branch_labels = None
depends_on = None

# SQLite: an external-content FTS5 table over ideas.title, kept in step by triggers so that every
# writer (ORM, bulk statements, importers, raw SQL) updates it in the same transaction.
SQLITE_UP = (
    "CREATE VIRTUAL TABLE ideas_fts USING fts5("
    "title, content='ideas', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER ideas_fts_after_insert AFTER INSERT ON ideas BEGIN "
    "INSERT INTO ideas_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER ideas_fts_after_delete AFTER DELETE ON ideas BEGIN "
    "INSERT INTO ideas_fts(ideas_fts, rowid, title) VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER ideas_fts_after_update AFTER UPDATE OF id, title ON ideas BEGIN "
    "INSERT INTO ideas_fts(ideas_fts, rowid, title) VALUES ('delete', old.id, old.title); "
    "INSERT INTO ideas_fts(rowid, title) VALUES (new.id, new.title); END",
    "INSERT INTO ideas_fts(ideas_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS ideas_fts_after_update",
    "DROP TRIGGER IF EXISTS ideas_fts_after_delete",
    "DROP TRIGGER IF EXISTS ideas_fts_after_insert",
    "DROP TABLE IF EXISTS ideas_fts",
)
# PostgreSQL: ILIKE '%…%' on title is answered by a bitmap scan of this index.
POSTGRES_UP = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_ideas_title_trgm ON ideas USING gin (title gin_trgm_ops)",
)
POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_ideas_title_trgm",)


def _run(statements):
    bind = op.get_bind()
    for statement in statements.get(bind.dialect.name, ()):
        op.execute(statement)


def upgrade():
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def downgrade():
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})
