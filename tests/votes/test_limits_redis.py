"""With RATELIMIT_STORAGE_URI on Redis, the per-resident limit holds across gunicorn workers."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.factories import make_idea, make_user

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_up():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except Exception:  # no server, no limits test
        return False


pytestmark = [pytest.mark.committing, pytest.mark.skipif(not _redis_up(), reason="no Redis server")]

APP_MODULE = """
from app import create_app
from app.config import Config


class SharedLimits(Config):
    SQLALCHEMY_DATABASE_URI = {uri!r}
    SECRET_KEY = {secret!r}
    RATELIMIT_ENABLED = True
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = {redis!r}
    RATELIMIT_KEY_PREFIX = {prefix!r}
    RATELIMIT_VOTE_USER = "4 per minute"
    RATELIMIT_VOTE_IP = "1000 per minute"


app = create_app(SharedLimits)
"""


@pytest.fixture
def server(app, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (tmp_path / "shared_limits_app.py").write_text(
        APP_MODULE.format(
            uri=app.config["SQLALCHEMY_DATABASE_URI"],
            secret=app.config["SECRET_KEY"],
            redis=REDIS_URL,
            prefix=f"agora-test-{secrets.token_hex(6)}",
        )
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "2",
        "--threads",
        "1",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    command += ["--pythonpath", f"{tmp_path},{ROOT}", "--log-level", "warning", "shared_limits_app:app"]
    env = dict(os.environ, AGORA_INSTANCE_DIR=str(tmp_path))
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603 (our own command)
    try:
        _wait(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=15)


def _wait(port):
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            finally:
                conn.close()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def test_the_limit_holds_across_worker_processes(app, db, server):
    user = make_user()
    ideas = [make_idea() for _ in range(8)]
    db.session.commit()
    cookie = app.session_interface.get_signing_serializer(app).dumps(
        {"_user_id": user.get_id(), "_fresh": True}
    )
    statuses = []

    def support(idea_id):
        conn = http.client.HTTPConnection("127.0.0.1", server, timeout=15)
        try:
            conn.request(
                "POST",
                f"/ideas/{idea_id}/vote",
                headers={"Cookie": f"session={cookie}", "Accept": "application/json", "Connection": "close"},
            )
            statuses.append(conn.getresponse().status)
        finally:
            conn.close()

    threads = [threading.Thread(target=support, args=(idea.id,)) for idea in ideas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Two workers with their own memory would each allow four.
    assert sorted(statuses) == [200] * 4 + [429] * 4
