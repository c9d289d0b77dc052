"""URL helpers."""

from urllib.parse import urlsplit

from flask import current_app


def safe_next(target, default=None):
    """`target` if it is a path on this site, else `default` (no open redirects). Browsers
    read a backslash as a slash, so `/\\host` would leave the site as `//host` does."""
    if not target or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def public_base_url(config):
    """The address links in mail start with: PUBLIC_URL (required in production), else the
    configured SERVER_NAME, else DEVELOPMENT_URL. Never the request's Host header, which
    whoever sends the request chooses."""
    if config.get("PUBLIC_URL"):
        return config["PUBLIC_URL"]
    if config.get("SERVER_NAME"):
        root = (config.get("APPLICATION_ROOT") or "/").rstrip("/")
        return f"{config['PREFERRED_URL_SCHEME']}://{config['SERVER_NAME']}{root}"
    return config["DEVELOPMENT_URL"]


def external_url(endpoint, **values):
    """An absolute URL for links in mail, on public_base_url, inside a request or outside
    one (command-line imports send mail too)."""
    base = urlsplit(public_base_url(current_app.config))
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)
