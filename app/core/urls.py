"""URL helpers."""

from urllib.parse import urlsplit

from flask import current_app, url_for


def safe_next(target):
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def external_url(endpoint, **values):
    """An absolute URL for links in mail. Under PUBLIC_URL when it is set, so that a forged
    Host header can never put another site's address in a password-reset message."""
    base = current_app.config.get("PUBLIC_URL")
    if not base:
        return url_for(endpoint, _external=True, **values)
    return base.rstrip("/") + url_for(endpoint, _external=False, **values)
