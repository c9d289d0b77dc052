"""Signed, expiring tokens for the links we email (itsdangerous, one salt per purpose)."""

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
