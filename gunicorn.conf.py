"""Gunicorn settings: `gunicorn wsgi:app` in this folder reads them (`make run`, bench/votes.py)."""

import gc
import os
import subprocess
import sys

from gunicorn.glogging import Logger

# A request is about a millisecond of Python and waits little on the database, so one
# single-threaded process per core serves the most: threads only queue for the interpreter
# lock, and on SQLite a writer that waits for that lock keeps the database locked meanwhile.
# Sync workers take each request from the one accept queue, first come first served, so no
# worker falls behind with a share of connections of its own (bench/votes.py, README).
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers answer one request at a time: behind the reverse proxy, which buffers slow
# clients, a request that takes longer than this is stuck and its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Access log: no client address, no query string, no referrer nor user agent (they can carry
# tokens and identify people); the path goes through the scrubber below (link tokens).
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


class ScrubbingLogger(Logger):
    """Gunicorn's logger with the app's filter (app/core/logscrub.py) on both its logs: no
    address, token, password or cookie reaches them."""

    def setup(self, cfg):
        super().setup(cfg)
        from app.core.logscrub import ScrubFilter

        for log in (self.error_log, self.access_log):
            log.addFilter(ScrubFilter())


logger_class = ScrubbingLogger


def post_worker_init(worker):
    # The app's long-lived objects (models, compiled SQL, routes, catalogs: about 145,000) leave
    # the garbage collector's view: a full collection then scans only what requests left,
    # a 3 ms pause instead of 60 to 80 ms during which the worker answers nobody.
    gc.collect()
    gc.freeze()


def on_starting(server):
    # `make run` (AGORA_RUN_WORKER=1): the job worker starts and stops with the web server, so
    # one command serves the site and sends its mail. Production runs it as its own service.
    if os.environ.get("AGORA_RUN_WORKER") == "1":
        command = [sys.executable, "-m", "flask", "--app", "wsgi", "jobs", "worker", "--workers", "1"]
        server.job_worker = subprocess.Popen(command)  # noqa: S603 (our own command line)


def on_exit(server):
    worker = getattr(server, "job_worker", None)
    if worker is not None:
        worker.terminate()
        worker.wait(timeout=30)
