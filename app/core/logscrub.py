"""Log lines without secrets: addresses, link tokens, passwords and cookies are masked before
any handler writes them (application, job worker, gunicorn's error and access logs)."""

import logging
import re

_PATTERNS = (
    # Tokens in the paths of mailed links: /verify/<token>, /reset/<token>, /account/delete/<token>.
    (re.compile(r"(/(?:verify|reset|account/delete)/)(?!link\b)[^/\s?#\"']+"), r"\1[token]"),
    # Secrets in query strings and form bodies.
    (
        re.compile(r"(?i)\b((?:token|password|confirm|current_password|csrf_token|secret|key)=)[^&\s\"']+"),
        r"\1[hidden]",
    ),
    # Cookies: Flask's session and Flask-Login's remember-me.
    (re.compile(r"(?i)\b((?:session|remember_token)=)[^;\s\"']+"), r"\1[hidden]"),
    # Anything shaped like an itsdangerous token (payload.timestamp.signature) or a JWT.
    (re.compile(r"\b[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}\b"), "[token]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
)
# Loggers whose records reach handlers without passing through the app's logger.
LOGGERS = ("werkzeug", "huey", "flask_limiter", "sqlalchemy.engine", "gunicorn.error", "gunicorn.access")


def scrub(text):
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class ScrubFilter(logging.Filter):
    """Rewrites each record's message (arguments included) and traceback, scrubbed."""

    def filter(self, record):
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


def install_log_scrubbing(app):
    """The filter on the app's logger, the libraries' loggers and the root handlers present."""
    scrubber = ScrubFilter()
    loggers = [app.logger, *(logging.getLogger(name) for name in LOGGERS)]
    for logger in loggers:
        if not any(isinstance(f, ScrubFilter) for f in logger.filters):
            logger.addFilter(scrubber)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, ScrubFilter) for f in handler.filters):
            handler.addFilter(scrubber)
