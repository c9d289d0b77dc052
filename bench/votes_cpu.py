"""CPU of one support, called in-process: the worker's share and, on PostgreSQL, the server's.

    .venv/bin/python bench/votes_cpu.py [--db sqlite|postgres|both] [--supports 3000]

Seeds a fresh bench database as bench/votes.py does, then calls the WSGI app directly with the
same requests a bench client sends (form post, session cookie, CSRF token, JSON answer),
alternating supports and withdrawals. No HTTP server and no other client: the figures are what
a support costs, without the queueing that bench/votes.py measures.
"""

import argparse
import gc
import os
import resource
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from votes import bench_app, pg_bench_url, recreate_postgres, seed, signed_cookies  # noqa: E402
from votes_clients import USER_AGENT  # noqa: E402


def environ(path, cookie, token):
    from werkzeug.test import EnvironBuilder

    return EnvironBuilder(
        path=path,
        method="POST",
        data={"csrf_token": token},
        headers={"Cookie": f"session={cookie}", "Accept": "application/json", "User-Agent": USER_AGENT},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    ).get_environ()


def backend_cpu(pid):
    """Seconds of CPU the PostgreSQL backend `pid` has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(database, supports):
    tmp = Path(tempfile.mkdtemp(prefix="agora-votes-cpu-"))
    if database == "postgres":
        recreate_postgres()
    url = pg_bench_url("127.0.0.1") if database == "postgres" else f"sqlite:///{tmp / 'bench.db'}"
    try:
        app = bench_app(url, secrets.token_hex(32), tmp)
        users, idea_ids = seed(app, 1, 4)
        cookie, token = signed_cookies(app, [users[0][1]])[0]
        paths = [
            f"/ideas/{idea_ids[n % 4]}/{'vote' if n // 4 % 2 == 0 else 'unvote'}" for n in range(supports)
        ]

        statuses = []

        def answer(status, _headers, _exc_info=None):
            statuses.append(status)

        def run(count):
            requests = [environ(path, cookie, token) for path in paths[:count]]
            for request in requests:
                b"".join(app(request, answer))
            if set(statuses) != {"200 OK"}:
                raise SystemExit(f"a support was refused: {sorted(set(statuses))}")

        run(400)  # statements compiled, and prepared by PostgreSQL
        pid = None
        if database == "postgres":
            from sqlalchemy import text

            from app.extensions import db

            with app.app_context():
                pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
                db.session.commit()
        gc.collect()
        gc.freeze()  # as gunicorn.conf.py does in each worker
        before, server = resource.getrusage(resource.RUSAGE_SELF), pid and backend_cpu(pid)
        started = time.perf_counter()
        run(supports)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        worker = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return {
            "database": database,
            "wall": wall / supports * 1000,
            "worker": worker / supports * 1000,
            "server": (backend_cpu(pid) - server) / supports * 1000 if pid else None,
        }
    finally:
        if database == "postgres":
            recreate_postgres(drop_only=True)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--supports", type=int, default=3000)
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [measure(database, args.supports) for database in databases]
    print(f"{args.supports} supports and withdrawals, in-process, one resident, 4 ideas.\n")
    print("| database | wall ms per support | worker CPU ms | database server CPU ms |")
    print("| --- | ---: | ---: | ---: |")
    for r in results:
        server = "—" if r["server"] is None else f"{r['server']:.2f}"
        print(f"| {r['database']} | {r['wall']:.2f} | {r['worker']:.2f} | {server} |")


if __name__ == "__main__":
    main()
