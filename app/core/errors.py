"""Error pages in the user's language, and JSON errors for the API."""

from flask import jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.core.transient import ask_for_retry, is_transient
from app.extensions import db

# Seconds a client is asked to wait before trying again after a lost database connection.
RETRY_AFTER = "2"

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Check what you sent and try again."),
    ),
    403: (_l("Access denied"), _l("You do not have permission to see this page.")),
    404: (_l("Page not found"), _l("This page does not exist or is no longer available.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("File too large"), _l("What you sent is larger than the site accepts.")),
    429: (
        _l("Too many requests"),
        _l("You have made too many requests. Please wait a moment and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error happened on our side. Please try again later."),
    ),
    503: (
        _l("Please try again"),
        _l(
            "The connection to the database was interrupted and your request could not be"
            " completed. Please try again in a moment."
        ),
    ),
}


def wants_json():
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    accepted = request.accept_mimetypes
    return best == "application/json" and accepted[best] > accepted["text/html"]


def render_error(code, detail=None):
    """The error page, or `{error, message}` JSON for API and JSON-asking clients."""
    title, message = MESSAGES.get(code, MESSAGES[500])
    if wants_json():
        return jsonify(error=str(title), message=str(detail or message)), code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def register_error_handlers(app):
    def handle_http(error: HTTPException):
        code = error.code or 500
        return render_error(code if code in MESSAGES else 500)

    def handle_unexpected(error):
        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(500)

    def handle_database(error: DBAPIError):
        if not is_transient(error):
            if app.debug:
                raise error
            return handle_unexpected(error)
        # The transaction is gone with the connection (SQLAlchemy has already discarded a
        # dead one and will renew the pool's older ones): nothing of the request was written.
        db.session.rollback()
        if ask_for_retry(request.environ):
            app.logger.warning("Database connection lost; serving the read again: %s", error.orig)
        else:
            app.logger.warning("Database connection lost; the client is asked to retry: %s", error.orig)
        response = make_response(render_error(503))
        response.headers["Retry-After"] = RETRY_AFTER
        return response

    # Registered after Flask-SQLAlchemy's, so it runs first: the answer is made already, and a
    # connection the server ended between the request's last query and now (failover,
    # pg_terminate_backend) fails its rollback; that must not turn the answer into a 500. The
    # transaction is gone with the connection, which the pool discards.
    @app.teardown_appcontext
    def _end_session(_exc):
        try:
            db.session.remove()
        except DBAPIError as error:
            if not is_transient(error):
                raise
            db.session.registry.clear()
            app.logger.warning("Database connection lost after the answer was made: %s", error.orig)

    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, lambda e: render_error(500))
    app.register_error_handler(DBAPIError, handle_database)
    if not app.debug:
        app.register_error_handler(Exception, handle_unexpected)
