"""Connection settings: SQLite pragmas; PostgreSQL connections the server closed are replaced;
rows read to be changed, locked until the transaction ends."""

import select
from functools import lru_cache

from sqlalchemy import event, false
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@lru_cache(maxsize=32)
def _claim_writer(table):
    # Columns with an `onupdate` are set to themselves too, or Core would give them a new value.
    kept = [c for c in table.columns if c.primary_key or c.onupdate is not None]
    return table.update().where(false()).values({column: column for column in kept})


def rows_for_update(connection, query):
    """Run `query` (rows of one table) so that the rows it reads stay as read until the
    transaction ends: decisions taken on them cannot race. PostgreSQL locks them (FOR UPDATE);
    SQLite lets one writer in at a time, so the transaction first becomes that writer (a write
    that changes nothing) and reads after every earlier writer has committed."""
    table = query.get_final_froms()[0]
    if connection.dialect.name == "sqlite":
        connection.execute(_claim_writer(table))
        return connection.execute(query)
    return connection.execute(query.with_for_update(of=table))


@event.listens_for(Pool, "checkout")
def _replace_closed_postgres_connection(dbapi_connection, _record, _proxy):
    # A pooled connection waits with nothing to read. When the server ends it (restart,
    # failover, idle timeout, pg_terminate_backend) it sends a notice and closes the socket,
    # which then reads as ready: the pool opens a new connection in its place. Unlike a ping
    # (one round trip, a quarter of a support's cost) this asks nothing of the server.
    pgconn = getattr(dbapi_connection, "pgconn", None)
    if pgconn is None:
        return
    if dbapi_connection.closed:
        raise DisconnectionError("the connection is closed")
    poller = select.poll()
    poller.register(pgconn.socket, select.POLLIN)
    if poller.poll(0):
        raise DisconnectionError("the server closed the connection")
