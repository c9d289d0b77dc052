"""The home page's figures, each computed at most once every few minutes per process: a count
over a month of supports or answers is cheap once, not on every visit of the busiest page."""

import threading

from cachetools import TTLCache
from flask import current_app

SECONDS = 300
_lock = threading.Lock()


def _cache():
    return current_app.extensions.setdefault("home_figures", TTLCache(maxsize=64, ttl=SECONDS))


def cached_figure(key, compute):
    """`compute()`, or its value from the last SECONDS under the same `key`."""
    cache = _cache()
    with _lock:
        if key in cache:
            return cache[key]
    value = compute()
    with _lock:
        cache[key] = value
    return value
