"""Password hashing with argon2id."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

_default = PasswordHasher()
# Tests hash hundreds of passwords; the fast profile keeps argon2id but with tiny costs.
_fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def _hasher():
    return _fast if current_app.config.get("PASSWORD_HASH_FAST") else _default


def hash_password(password):
    return _hasher().hash(password)


def check_password(password_hash, password):
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
