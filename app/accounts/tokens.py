"""Signed, expiring tokens for the links we email (itsdangerous, one salt per purpose)."""

import base64
import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

VERIFY_EMAIL = "accounts.verify-email"
RESET_PASSWORD = "accounts.reset-password"  # noqa: S105 (a salt name, not a secret)
_MAX_AGE_SETTING = {VERIFY_EMAIL: "EMAIL_TOKEN_MAX_AGE", RESET_PASSWORD: "RESET_TOKEN_MAX_AGE"}


class TokenExpired(Exception):
    """The link was genuine but is older than its purpose allows."""


class TokenInvalid(Exception):
    """The link was altered, truncated or made for another purpose."""


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def fingerprint(purpose, secret):
    """A short keyed digest of a per-account secret, for a link to carry. A link that holds
    one cannot be forged with the SECRET_KEY alone, and reveals nothing of `secret`."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{purpose}:{secret}".encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def matches(expected, given):
    return isinstance(given, str) and hmac.compare_digest(expected.encode(), given.encode())


def make_token(purpose, payload):
    return _serializer(purpose).dumps(payload)


def read_token(purpose, token):
    """The payload of `token`; raises TokenExpired or TokenInvalid."""
    max_age = current_app.config[_MAX_AGE_SETTING[purpose]].total_seconds()
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenExpired from error
    except BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict):
        raise TokenInvalid
    return payload
