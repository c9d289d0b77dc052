"""Database errors that a new attempt would not meet (a lost connection, a broken deadlock): a
read is served once more from the start on a fresh connection, a write is asked to try again."""

from sqlalchemy.exc import DBAPIError, OperationalError

READS = frozenset(("GET", "HEAD"))
# Set in a request's WSGI environ: the handler asks for another attempt, the middleware makes it.
RETRY = "agora.retry"
RETRIED = "agora.retried"
# SQLSTATE classes: 08 connection exception, 40 transaction rollback (deadlock, serialization),
# 57P operator intervention (administrator shutdown, crash, server starting).
_TRANSIENT_STATES = ("08", "40", "57P")


def is_transient(error):
    """True for a database error that says nothing about the request: the connection was lost
    (restart, failover, pg_terminate_backend), the server could not be reached, or it ended the
    transaction to let another through."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    # psycopg gives no SQLSTATE when it could not reach the server at all; SQLite has none.
    state = getattr(error.orig, "sqlstate", "")
    if state is None:
        return isinstance(error, OperationalError)
    return state.startswith(_TRANSIENT_STATES)


def ask_for_retry(environ):
    """Ask the middleware to serve this read again; False when it is a write or a second attempt."""
    if environ.get("REQUEST_METHOD") not in READS or environ.get(RETRIED):
        return False
    environ[RETRY] = True
    return True


def _discard(_data):
    # The first attempt's answer goes nowhere: the visitor receives the second one.
    return None


class RetryReads:
    """WSGI middleware: a GET or HEAD whose handler asked for it (`ask_for_retry`) is run again
    from the start, with a copy of the original environ, and only the second answer is sent.
    Other requests pass straight through."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") not in READS:
            return self.wsgi_app(environ, start_response)
        first = dict(environ)

        def start_first(status, headers, exc_info=None):
            if first.get(RETRY):
                return _discard
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(first, start_first)
        if not first.get(RETRY):
            return body
        if hasattr(body, "close"):
            body.close()
        return self.wsgi_app(dict(environ, **{RETRIED: True}), start_response)
