"""A WSGI app that does nothing: bench/votes.py measures what gunicorn and its clients cost alone."""

BODY = b'{"status":"ok"}'


def app(_environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))])
    return [BODY]
