"""Text filter on idea titles: case- and accent-insensitive substring match through a trigram
index (pg_trgm on a generated folded title on PostgreSQL, an FTS5 trigram table on SQLite)."""

from sqlalchemy import column, literal_column, select, table

from app.ideas.models import Idea

# Accented Latin-1 letters and their bare letters: "arret" finds "arrêt". Arabic is left as is.
# Migration 0008 holds the same two strings (database function, index, triggers).
ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ"
PLAIN = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY"
_FOLD = str.maketrans(ACCENTED, PLAIN)

# A trigram index cannot narrow a shorter text: such a filter reads the ideas of the box.
MIN_INDEXED_LENGTH = 3
FTS_TABLE = "ideas_fts"
TRIGRAM_INDEX = "ix_ideas_title_trgm"
FOLDED_COLUMN = "title_folded"

_fts = table(FTS_TABLE, column("rowid"), column("title"), column(FTS_TABLE))


def fold(text):
    return text.translate(_FOLD)


def uses_text_index(q):
    return q is not None and len(q) >= MIN_INDEXED_LENGTH


def title_matches(dialect, q):
    """The condition "the title contains `q`", ignoring case and accents and taking `%`, `_`
    and `\\` literally."""
    folded = fold(q)
    pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if dialect != "sqlite":
        # A column the database computes from the title (migration 0008), trigram-indexed.
        return literal_column(f"ideas.{FOLDED_COLUMN}").ilike(pattern, escape="\\")
    # The FTS table holds the folded titles. A trigram phrase matches exactly the titles that
    # contain it (case folded, every character literal); a shorter text is read with LIKE.
    if uses_text_index(q):
        condition = _fts.c[FTS_TABLE].op("MATCH")('"' + folded.replace('"', '""') + '"')
    else:
        condition = _fts.c.title.ilike(pattern, escape="\\")
    return Idea.id.in_(select(_fts.c.rowid).where(condition))


def include_name(name, type_, _parent_names):
    """Alembic's filter: the text index lives outside the models (FTS5 table and its shadow
    tables; a generated column and its GIN index), so comparing models and schema must not see it."""
    if type_ == "table":
        return name != FTS_TABLE and not name.startswith(FTS_TABLE + "_")
    if type_ == "index":
        return name != TRIGRAM_INDEX
    if type_ == "column":
        return name != FOLDED_COLUMN
    return True
