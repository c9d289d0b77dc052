"""The map's text index: each placed idea's title words, stored beside what the map filters and
groups on, so that a search reads one ordered run of rows per word and never the ideas."""

from dataclasses import dataclass

from sqlalchemy import delete, exists, func, insert, select

from app.ideas.models import Idea
from app.ideas.similarity import normalise
from app.mapindex.models import MapTerm

terms = MapTerm.__table__
MAX_TERM_LENGTH = 64
# Above every character: "ombre" + TOP bounds the words that start with "ombre".
TOP = "\U0010ffff"
_ARTICLE = "ال"
BATCH = 5_000
_IDEA_COLUMNS = (
    Idea.id,
    Idea.title,
    Idea.status,
    Idea.category_id,
    Idea.district_id,
    Idea.lng,
    Idea.lat,
    Idea.map_key,
)
_TERM_COLUMNS = ("term", "status", "map_key", "idea_id", "category_id", "district_id", "lng", "lat")


def words(text):
    """The words of a text as the index compares them: normalised like every other text match
    (case, accents, Arabic letter variants), with the Arabic article taken off."""
    found = []
    for word in normalise(text).split():
        if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE):
            word = word[len(_ARTICLE) :]
        found.append(word[:MAX_TERM_LENGTH])
    return found


def _kept(word):
    # One-letter words are elisions and prepositions (l', d', à, y): indexing them would cost a
    # row per idea and find nothing a reader looks for. Numbers are kept: "ligne 7".
    return len(word) > 1 or word.isdigit()


def title_terms(title):
    return {word for word in words(title) if _kept(word)}


def query_words(q):
    """The words a search must find, each as the start of a title word. One-letter words are left
    out as in the index, unless the search has nothing else."""
    typed = words(q)
    return [word for word in typed if _kept(word)] or typed


@dataclass(frozen=True)
class TextMatch:
    """A search as index conditions: the longest word drives (the fewest rows); when only one
    title word starts with it, `term` is that word and its rows are one key-ordered run."""

    word: str
    term: str | None
    others: tuple


def text_match(connection, q):
    """The search `q` against the index, or None when no title word can match it."""
    typed = query_words(q)
    if not typed:
        return None
    word = max(typed, key=len)
    others = list(typed)
    others.remove(word)
    term = terms.c.term
    starts = (term >= word, term < word + TOP)
    first = connection.execute(select(terms.c.term).where(*starts).order_by(terms.c.term).limit(1)).scalar()
    if first is None:
        return None
    last = connection.execute(
        select(terms.c.term).where(*starts).order_by(terms.c.term.desc()).limit(1)
    ).scalar()
    return TextMatch(word, first if first == last else None, tuple(others))


def match_conditions(match):
    """Conditions on `terms` rows: the driving word, and every other word among the same idea's."""
    if match.term is not None:
        conditions = [terms.c.term == match.term]
    else:
        conditions = [terms.c.term >= match.word, terms.c.term < match.word + TOP]
    for word in match.others:
        other = terms.alias()
        conditions.append(
            exists().where(
                other.c.idea_id == terms.c.idea_id, other.c.term >= word, other.c.term < word + TOP
            )
        )
    return conditions


# ---- keeping the index ---------------------------------------------------------------------


def _term_rows(ideas):
    for idea_id, title, status, category_id, district_id, lng, lat, key in ideas:
        if key is None:
            continue
        for term in title_terms(title):
            yield (term, status, key, idea_id, category_id, district_id, lng, lat)


def _insert(connection, rows):
    rows = list(rows)
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {terms.name} ({', '.join(_TERM_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    connection.execute(insert(terms), [dict(zip(_TERM_COLUMNS, row, strict=True)) for row in rows])


def index_ideas(connection, *where):
    """Add the terms of the ideas meeting `where` (which must have none yet), in batches."""
    last = 0
    while True:
        query = select(*_IDEA_COLUMNS).where(Idea.id > last, *where).order_by(Idea.id).limit(BATCH)
        ideas = connection.execute(query).all()
        if not ideas:
            return
        _insert(connection, _term_rows(ideas))
        last = ideas[-1][0]


def refresh_terms(connection, idea_ids):
    """Replace the terms of these ideas with what their rows hold now (none when deleted)."""
    idea_ids = sorted(set(idea_ids))
    for start in range(0, len(idea_ids), BATCH):
        chunk = idea_ids[start : start + BATCH]
        connection.execute(delete(terms).where(terms.c.idea_id.in_(chunk)))
        ideas = connection.execute(select(*_IDEA_COLUMNS).where(Idea.id.in_(chunk))).all()
        _insert(connection, _term_rows(ideas))


def rebuild_terms(connection):
    """Recompute the whole index from the ideas; returns its row count."""
    connection.execute(delete(terms))
    index_ideas(connection)
    return connection.execute(select(func.count()).select_from(terms)).scalar_one()


def verify_terms(connection, limit=20):
    """Ideas whose stored terms differ from their title and row (at most `limit`): (id, missing, extra)."""
    problems, last = [], 0
    while len(problems) < limit:
        ideas = connection.execute(
            select(*_IDEA_COLUMNS).where(Idea.id > last).order_by(Idea.id).limit(BATCH)
        ).all()
        if not ideas:
            break
        first, last = ideas[0][0], ideas[-1][0]
        stored = connection.execute(
            select(*(terms.c[name] for name in _TERM_COLUMNS)).where(terms.c.idea_id.between(first, last))
        )
        stored, wanted = set(map(tuple, stored)), set(_term_rows(ideas))
        for idea_id in sorted({row[3] for row in stored ^ wanted}):
            missing = sorted(row[0] for row in wanted - stored if row[3] == idea_id)
            extra = sorted(row[0] for row in stored - wanted if row[3] == idea_id)
            problems.append((idea_id, missing, extra))
    orphans = connection.execute(
        select(terms.c.idea_id).where(terms.c.idea_id.not_in(select(Idea.id))).distinct().limit(limit)
    ).scalars()
    problems.extend((idea_id, [], ["(deleted idea)"]) for idea_id in orphans)
    return problems[:limit]
