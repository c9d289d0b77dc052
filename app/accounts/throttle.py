"""Failed sign-ins counted per account address (RATELIMIT_LOGIN_ACCOUNT), from any client
address, in the storage the other rate limits use."""

import hashlib
import time

from flask import current_app
from limits import parse_many

from app.accounts.services import normalise_email
from app.extensions import limiter

SCOPE = "login-account"


def _active():
    return bool(current_app.config.get("RATELIMIT_ENABLED")) and limiter.enabled


def _identifiers(email):
    # The storage (a file, or Redis) need not hold a list of the addresses people typed.
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    # The same prefix as Flask-Limiter's own keys, so that sites sharing a Redis stay apart.
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    return (prefix, SCOPE, digest) if prefix else (SCOPE, digest)


def _limits():
    return parse_many(current_app.config["RATELIMIT_LOGIN_ACCOUNT"])


def seconds_until_allowed(email):
    """0 when `email` may try to sign in, else the seconds until its window ends. Addresses
    without an account are counted too, so the answer tells nothing about accounts."""
    if not _active():
        return 0
    identifiers = _identifiers(email)
    waits = [
        limiter.limiter.get_window_stats(item, *identifiers).reset_time - time.time()
        for item in _limits()
        if not limiter.limiter.test(item, *identifiers)
    ]
    return max(1, int(max(waits)) + 1) if waits else 0


def count_failure(email):
    if not _active():
        return
    identifiers = _identifiers(email)
    for item in _limits():
        limiter.limiter.hit(item, *identifiers)
