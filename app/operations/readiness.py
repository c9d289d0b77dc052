"""What a load balancer asks before sending traffic: can this server reach all it needs?"""

import redis
from flask import current_app
from sqlalchemy import text

from app.extensions import db


def _database():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means the database cannot serve us
        db.session.rollback()
        raise


def _redis_urls(config):
    urls = {config.get("HUEY_URL") or "", config.get("RATELIMIT_STORAGE_URI") or ""}
    return sorted(url for url in urls if url.startswith(("redis://", "rediss://", "unix://")))


def _redis(urls):
    for url in urls:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        try:
            client.ping()
        finally:
            client.close()


def _queue():
    current_app.extensions["jobs"].huey.pending_count()


def readiness():
    """Each part the site needs, "ok" or "unavailable"; Redis only when it is configured."""
    checks = {"database": _database, "queue": _queue}
    urls = _redis_urls(current_app.config)
    if urls:
        checks["redis"] = lambda: _redis(urls)
    results = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # reported by name; the log keeps the cause
            current_app.logger.warning("Readiness: %s unavailable: %s", name, error)
            results[name] = "unavailable"
    return results
