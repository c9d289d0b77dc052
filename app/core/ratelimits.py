"""Rate-limit counters in a SQLite file that every worker process of the host shares."""

import os
import sqlite3
import threading
import time
from pathlib import Path

from limits.storage import Storage

STORAGE_FILE = "ratelimits.sqlite"
# Expired counters are deleted at most this often per process; reads ignore them meanwhile.
PURGE_EVERY_SECONDS = 60

_INCREMENT = """
INSERT INTO counters (key, value, expires_at) VALUES (:key, :amount, :now + :expiry)
ON CONFLICT (key) DO UPDATE SET
    value = CASE WHEN expires_at <= :now THEN :amount ELSE value + :amount END,
    expires_at = CASE WHEN expires_at <= :now THEN :now + :expiry ELSE expires_at END
RETURNING value
"""


def configure_rate_limits(app):
    """Without RATELIMIT_STORAGE_URI, count in INSTANCE_DIR: with the in-memory default each
    gunicorn worker kept its own counters, so two workers allowed twice the limit."""
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = sqlite_uri(Path(app.config["INSTANCE_DIR"]) / STORAGE_FILE)


def sqlite_uri(path):
    return f"sqlite:///{Path(path).resolve()}"


class SQLiteStorage(Storage):
    """A `limits` storage for the fixed-window strategy (Flask-Limiter's default). Declaring
    STORAGE_SCHEME registers it: `sqlite:////absolute/path.sqlite`, as SQLAlchemy writes it.
    Each increment is one atomic upsert, so processes never lose each other's hits."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri, wrap_exceptions=False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = uri[len("sqlite:///") :]
        if not self.path:
            raise ValueError("a rate-limit storage URI needs a file: sqlite:////path/to/file.sqlite")
        self._local = threading.local()
        self._purged_at = 0.0

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self):
        # One connection per thread and per process: a connection must not cross a fork.
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            # Counters need no fsync per hit; WAL with NORMAL stays consistent after a crash.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS counters"
                " (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires_at REAL NOT NULL)"
            )
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def incr(self, key, expiry, amount=1):
        now = time.time()
        conn = self._connection()
        params = {"key": key, "amount": amount, "now": now, "expiry": expiry}
        (value,) = conn.execute(_INCREMENT, params).fetchone()
        if now - self._purged_at > PURGE_EVERY_SECONDS:
            self._purged_at = now
            conn.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        return value

    def _live(self, key, now):
        query = "SELECT value, expires_at FROM counters WHERE key = ? AND expires_at > ?"
        return self._connection().execute(query, (key, now)).fetchone()

    def get(self, key):
        row = self._live(key, time.time())
        return row[0] if row else 0

    def get_expiry(self, key):
        now = time.time()
        row = self._live(key, now)
        return row[1] if row else now

    def check(self):
        return self._connection().execute("SELECT 1").fetchone() == (1,)

    def reset(self):
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key):
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))
