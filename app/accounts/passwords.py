"""Password hashing with argon2id."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

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


# One hash of a random password per profile, made by the same hasher as real ones so that
# checking against it costs what checking a real account costs.
_dummy_hashes = {}


def check_password_without_account(password):
    """Spend the time of one check_password for an address with no account; always False."""
    hasher = _hasher()
    if hasher not in _dummy_hashes:
        _dummy_hashes[hasher] = hasher.hash(secrets.token_urlsafe(16))
    check_password(_dummy_hashes[hasher], password)
    return False


# Passwords that lists of leaked credentials put at the very top; lowercase, 10+ characters
# (shorter ones are refused by the length rule anyway).
COMMON_PASSWORDS = frozenset(
    """
    0123456789 1234567890 0987654321 9876543210 12345678910 123456789a 123456789abc
    1111111111 0000000000 1212121212 1122334455 1234512345 123123123123 147258369147
    1q2w3e4r5t 1qaz2wsx3edc qwertyuiop qwerty1234 qwerty12345 qwerty123456 qwertyuiop123
    azertyuiop azerty1234 azerty123456 asdfghjkl1 asdfghjkl; zxcvbnm123 abcdefghij
    abcd123456 abc1234567 a123456789 aa12345678 password12 password123 password1234
    password!! passw0rd123 p@ssw0rd123 iloveyou12 iloveyou123 letmein123 welcome123
    welcome1234 changeme123 administrator admin12345 admin123456 motdepasse motdepasse1
    motdepasse123 monmotdepasse bonjour123 soleil1234 marseille13 casablanca casablanca1
    casablanca123 casablanca2026 maroc12345 morocco123 agora12345 agora123456 football123
    superman123 princess123 sunshine123 trustno1234 starwars123 dragon1234 baseball123
    """.split()
)


def password_problem(password, email=""):
    """Why `password` is too easy to guess for the account `email`, or None."""
    lowered = (password or "").strip().lower()
    email = (email or "").strip().lower()
    if email and lowered in {email, email.partition("@")[0]}:
        return _("Do not use your email address as your password.")
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 3:
        return _("This password is too common and easy to guess. Choose another one.")
    return None
