"""ORM hooks that keep ideas' map keys, `map_cells` and `idea_terms` exact on every write to ideas.

Contract. The hooks see every write that goes through the ORM Session:
- unit-of-work flushes of `Idea` objects (add, change, delete);
- ORM-enabled statements on the entity: `session.execute(insert(Idea) ...)`,
  `update(Idea) ...` and `delete(Idea) ...` (an update is treated as possibly moving every idea
  it matches: the rows are read, locked, before it and read again after it).
They cannot see writes that bypass the ORM: `text("UPDATE ideas ...")`, Core statements on
`Idea.__table__` or the `ideas` table, `connection.execute(...)`, COPY, another program. Such a
write must not change what the indexes copy (title, description, status, category, district, point), or it
must keep the index itself (`app.mapindex.moves.move_points`, `app.ideas.search_index.refresh_terms`,
as `app.demo.synthetic` does with `rebuild_cells`), or be followed by
`flask --app wsgi geo rebuild-cells` (or `flask --app wsgi verify --repair`).
The vote counter (`support_count`, raw SQL in app.votes) is such a write: the index does not
copy it.

Under concurrency an idea's old place in the cells is read with its row locked, and only the
rows a statement really changes are moved: two transactions changing the same idea take turns,
and the second moves it from where the first left it (or not at all). Ideas are locked before
cells, and cells in one order (app.mapindex.moves), so that writers wait rather than deadlock."""

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from app.core.database import rows_for_update
from app.extensions import db
from app.geometry.cells import point_key
from app.ideas.models import Idea
from app.ideas.search_index import refresh_terms
from app.mapindex.aggregates import GEO_FIELDS
from app.mapindex.moves import move_points, point_of

_SELECT_POINTS = (Idea.id, *(getattr(Idea, name) for name in GEO_FIELDS))
# What the search index (idea_terms) copies from an idea.
TERM_FIELDS = ("title", "description", *GEO_FIELDS)


def _pending(target):
    return Session.object_session(target).info.setdefault("geo_pending", [])


def _retitled(target):
    return Session.object_session(target).info.setdefault("terms_pending", set())


def _stored_row(connection, idea_id):
    # Locked: a concurrent change of the idea waits for this transaction, then reads its result.
    return rows_for_update(connection, select(*_SELECT_POINTS).where(Idea.id == idea_id)).one_or_none()


@event.listens_for(Idea, "before_insert")
def _key_new_idea(_mapper, _connection, target):
    target.map_key = point_key(target.lng, target.lat)


@event.listens_for(Idea, "after_insert")
def _queue_new_idea(_mapper, _connection, target):
    _pending(target).append((None, target, GEO_FIELDS))
    _retitled(target).add(target.id)


@event.listens_for(Idea, "before_update")
def _queue_changed_idea(_mapper, connection, target):
    state = inspect(target)
    changed = {name for name in TERM_FIELDS if state.attrs[name].history.has_changes()}
    if changed:
        _retitled(target).add(target.id)
    if not changed.intersection(GEO_FIELDS):
        return
    target.map_key = point_key(target.lng, target.lat)
    # The row still holds the old values: read them rather than trust what is loaded, which
    # another transaction may have changed since. The UPDATE writes only the changed fields.
    _pending(target).append((_stored_row(connection, target.id), target, changed))


@event.listens_for(Idea, "before_delete")
def _queue_deleted_idea(_mapper, connection, target):
    _pending(target).append((_stored_row(connection, target.id), None, ()))
    _retitled(target).add(target.id)


@event.listens_for(Session, "after_flush")
def _apply_pending(session, _context):
    retitled = session.info.pop("terms_pending", None)
    if retitled:
        refresh_terms(session.connection(), retitled)
    pending = session.info.pop("geo_pending", None)
    if not pending:
        return
    changes = []
    for stored, target, changed in pending:
        new = None
        if target is not None:
            new = point_of(target.id, *(_after(stored, target, changed, name) for name in GEO_FIELDS))
        changes.append((point_of(*stored) if stored else None, new))
    _apply(session.connection(), changes)


def _after(stored, target, changed, name):
    # What the row holds after the flush: the fields written, the stored values for the others.
    if stored is None or name in changed:
        return getattr(target, name)
    return stored[1 + GEO_FIELDS.index(name)]


@event.listens_for(Session, "after_soft_rollback")
def _forget_pending(session, _previous):
    session.info.pop("geo_pending", None)
    session.info.pop("terms_pending", None)


def _apply(connection, changes):
    changes = [(old, new) for old, new in changes if old != new]
    move_points(
        connection,
        [old for old, _new in changes if old is not None],
        [new for _old, new in changes if new is not None],
    )


@event.listens_for(Session, "do_orm_execute")
def _bulk_idea_writes(state):
    """`session.execute(insert(Idea)...)`, `update(Idea)...` and `delete(Idea)` skip the unit of
    work: key new rows, read the rows touched before and after, and apply the difference."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    mapper = state.bind_mapper
    if mapper is None or mapper.class_ is not Idea:
        return None
    if state.is_insert:
        return _bulk_idea_insert(state)
    statement = state.statement
    session = state.session
    if session.autoflush:
        # The statement runs after an autoflush: flush first so that "before" is really before.
        session.flush()
    connection = session.connection()
    query = select(*_SELECT_POINTS).order_by(Idea.id)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    params = state.parameters
    by_key = isinstance(params, list) and params and all("id" in p for p in params)
    if by_key:
        query = query.where(Idea.id.in_([p["id"] for p in params]))
    # The rows locked as they are read (in id order, as every writer locks ideas), and the
    # statement kept to them: a row it would match only once a concurrent change commits (a
    # conditional `WHERE status = 'published'` that another transaction has just made true
    # or false) is neither moved twice nor changed without being moved.
    before = {row[0]: point_of(*row) for row in rows_for_update(connection, query)}
    if not by_key:
        statement = statement.where(Idea.id.in_(list(before)))
    result = state.invoke_statement(statement=statement)
    after = {}
    if state.is_update and before:
        rows = connection.execute(
            select(*_SELECT_POINTS, Idea.map_key).where(Idea.id.in_(list(before)))
        ).all()
        stale = []
        for *row, key in rows:
            after[row[0]] = point_of(*row)
            if point_key(row[-2], row[-1]) != key:
                stale.append({"k_id": row[0], "key": point_key(row[-2], row[-1])})
        if stale:
            table = Idea.__table__
            connection.execute(
                update(table).where(table.c.id == db.bindparam("k_id")).values(map_key=db.bindparam("key")),
                stale,
            )
    _apply(connection, [(old, after.get(idea_id)) for idea_id, old in before.items()])
    refresh_terms(connection, before)
    return result


def _bulk_idea_insert(state):
    params = state.parameters
    if isinstance(params, dict):
        params = [params]
    keyed = [dict(p, map_key=point_key(p.get("lng"), p.get("lat"))) for p in params or ()]
    statement = state.statement
    returned = [column["name"] for column in statement.returning_column_descriptions]
    if not returned:
        # The new ids are needed to index the ideas: ask for them (the caller expected no rows).
        statement = statement.returning(Idea.id, sort_by_parameter_order=True)
    elif "id" not in returned:
        raise RuntimeError(
            "insert(Idea).returning(...) must include Idea.id, so that the map can index the new ideas"
        )
    result = state.invoke_statement(statement=statement, params=keyed or None)
    frozen = result.freeze()
    ids = [row.id for row in frozen()]
    connection = state.session.connection()
    for start in range(0, len(ids), 5_000):
        chunk = ids[start : start + 5_000]
        rows = connection.execute(select(*_SELECT_POINTS).where(Idea.id.in_(chunk)))
        move_points(connection, [], [p for p in (point_of(*row) for row in rows) if p is not None])
        refresh_terms(connection, chunk)
    return frozen()
