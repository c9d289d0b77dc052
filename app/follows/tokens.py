"""The signed token of the unsubscribe link in every following email: it works without
signing in and does not expire (an old digest's link must still stop the emails)."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "follows.unsubscribe"


def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def unsubscribe_token(user_id):
    return _serializer().dumps({"u": user_id})


def user_id_from(token):
    """The user id the token was made for, or None when it was altered or made elsewhere."""
    try:
        payload = _serializer().loads(token)
    except BadSignature:
        return None
    user_id = payload.get("u") if isinstance(payload, dict) else None
    return user_id if isinstance(user_id, int) else None
