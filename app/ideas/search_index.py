"""Keeping `idea_terms` (app.ideas.search) equal to the ideas: words of titles and descriptions
with each idea's status, key, point and filters. Called by app.mapindex.hooks on every ORM write,
by bulk loaders, and by `flask verify`."""

from sqlalchemy import delete, func, insert, select

from app.ideas.models import UNPLACED_KEY, Idea
from app.ideas.search import idea_terms, terms

BATCH = 5_000
_IDEA_COLUMNS = (
    Idea.id,
    Idea.title,
    Idea.description,
    Idea.status,
    Idea.category_id,
    Idea.district_id,
    Idea.lng,
    Idea.lat,
    Idea.map_key,
)
_TERM_COLUMNS = ("term", "status", "map_key", "idea_id", "category_id", "district_id", "lng", "lat")


def _term_rows(ideas):
    for idea_id, title, description, status, category_id, district_id, lng, lat, key in ideas:
        if key is None:
            key = UNPLACED_KEY
        for term in idea_terms(title, description):
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
    """Ideas whose stored terms differ from their title, description and row (at most `limit`):
    (id, missing, extra)."""
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
