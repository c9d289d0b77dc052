"""Text filter on idea titles: a trigram index narrows the candidates (pg_trgm, SQLite FTS5)."""
from sqlalchemy import column, select, table

from app.ideas.models import Idea

# Trigram indexes cannot narrow a shorter text: those queries read the box as before.
MIN_INDEXED_LENGTH = 3
FTS_TABLE = "ideas_fts"
TRIGRAM_INDEX = "ix_ideas_title_trgm"

_fts = table(FTS_TABLE, column("rowid"), column(FTS_TABLE))


def title_matches(q):
    """Case-insensitive substring match on the title, `%`, `_` and `\\` taken literally."""
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return Idea.title.ilike(pattern, escape="\\")


def uses_text_index(q):
    return q is not None and len(q) >= MIN_INDEXED_LENGTH


def fts_candidates(q):
    """Ids whose title contains the trigrams of `q` (SQLite): a superset of the ILIKE matches,
    which the caller still applies, so the answer is exactly the ILIKE one."""
    phrase = '"' + q.replace('"', '""') + '"'
    return select(_fts.c.rowid).where(_fts.c[FTS_TABLE].op("MATCH")(phrase))


def include_name(name, type_, _parent_names):
    """Alembic's filter: the text index lives outside the models (FTS5 shadow tables, a GIN
    expression index), so comparing models and schema must not see it."""
    if type_ == "table":
        return name != FTS_TABLE and not name.startswith(FTS_TABLE + "_")
    if type_ == "index":
        return name != TRIGRAM_INDEX
    return True
