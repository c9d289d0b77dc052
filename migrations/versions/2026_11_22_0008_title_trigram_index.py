"""case- and accent-insensitive trigram index on idea titles for the map's text filter

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 09:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# Accented Latin-1 letters and their bare letters, as the map queries of this revision folded them.
ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY"


def _replace(expression, pairs):
    for accented, plain in pairs:
        expression = f"replace({expression}, '{accented}', '{plain}')"
    return expression


def _sqlite_folded(rowid, title, source=""):
    """SELECT rowid, folded title. SQLite has no translate(): nested replace() keeps the
    triggers plain SQL, so any client writing ideas (ORM, importers, the sqlite3 shell) keeps the
    index exact; subqueries keep each nesting under the parser's depth limit."""
    pairs = list(zip(ACCENTED, PLAIN))
    chunks = [pairs[i:i + 18] for i in range(0, len(pairs), 18)]
    query = f"SELECT {rowid} AS r, {_replace(title, chunks[0])} AS t {source}"
    for chunk in chunks[1:]:
        query = f"SELECT r, {_replace('t', chunk)} AS t FROM ({query})"
    return query


def _sqlite_up():
    new_row = _sqlite_folded("new.id", "new.title")
    return (
        # Internal content: the FTS table stores the folded titles, which the query's LIKE reads.
        "CREATE VIRTUAL TABLE ideas_fts USING fts5(title, tokenize='trigram')",
        "CREATE TRIGGER ideas_fts_after_insert AFTER INSERT ON ideas BEGIN "
        f"INSERT INTO ideas_fts(rowid, title) {new_row}; END",
        "CREATE TRIGGER ideas_fts_after_delete AFTER DELETE ON ideas BEGIN "
        "DELETE FROM ideas_fts WHERE rowid = old.id; END",
        "CREATE TRIGGER ideas_fts_after_update AFTER UPDATE OF id, title ON ideas BEGIN "
        "DELETE FROM ideas_fts WHERE rowid = old.id; "
        f"INSERT INTO ideas_fts(rowid, title) {new_row}; END",
        f"INSERT INTO ideas_fts(rowid, title) {_sqlite_folded('id', 'title', 'FROM ideas')}",
    )


SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS ideas_fts_after_update",
    "DROP TRIGGER IF EXISTS ideas_fts_after_delete",
    "DROP TRIGGER IF EXISTS ideas_fts_after_insert",
    "DROP TABLE IF EXISTS ideas_fts",
)


def _postgres_up():
    return (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE FUNCTION agora_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        f"AS $$ SELECT translate($1, '{ACCENTED}', '{PLAIN}') $$",
        # translate() over UTF-8 costs microseconds a row: fold each title once, when it is
        # written, rather than for every row a search rechecks.
        "ALTER TABLE ideas ADD COLUMN title_folded text GENERATED ALWAYS AS (agora_fold(title)) STORED",
        # ILIKE '%…%' on the folded title goes through a bitmap scan of this index.
        "CREATE INDEX ix_ideas_title_trgm ON ideas USING gin (title_folded gin_trgm_ops)",
    )


POSTGRES_DOWN = (
    "DROP INDEX IF EXISTS ix_ideas_title_trgm",
    "ALTER TABLE ideas DROP COLUMN IF EXISTS title_folded",
    "DROP FUNCTION IF EXISTS agora_fold(text)",
)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        statements = _sqlite_up()
    elif dialect == "postgresql":
        statements = _postgres_up()
    else:
        statements = ()
    for statement in statements:
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(dialect, ()):
        op.execute(statement)
