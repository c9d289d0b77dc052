"""Recording the SQL statements a piece of code sends, without the tests' own savepoints."""

from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db

# On PostgreSQL each test runs inside a transaction and every commit is a savepoint
# (tests/conftest.py): that bookkeeping is the harness's, not the code's under test.
_HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@contextmanager
def recorded_statements():
    """Yields the list of (statement, parameters) sent while the block runs."""
    seen = []

    def record(_conn, _cursor, statement, parameters, *_args):
        if not statement.startswith(_HARNESS):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
