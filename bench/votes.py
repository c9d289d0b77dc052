"""Load and integrity benchmark of supports: gunicorn, concurrent clients, exact counters.

    .venv/bin/python bench/votes.py [--db sqlite|postgres|both] [--clients 32] [--seconds 8]

For each database it migrates and seeds a fresh bench database, starts gunicorn with the
project's gunicorn.conf.py (rate limits off) on a free localhost port, measures GET /healthz
(and first, as the host's floor, the same load on a WSGI app that does nothing),
then lets every client (one signed-in resident each) support and withdraw ideas from a small
pool, with duplicates, concurrent double submits and support/withdraw races. Afterwards every
counter must equal its rows and the set each client last confirmed. Prints a markdown table;
exits 1 on any mismatch.
"""

import argparse
import contextlib
import gc
import os
import runpy
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def pg_bench_url(host):
    """The bench database over TCP to `host`, or through PostgreSQL's Unix socket in `host`."""
    if host.startswith("/"):
        return f"postgresql://postgres@/agora_votes_bench?host={host}"
    return f"postgresql://postgres@{host}:5432/agora_votes_bench"


from votes_clients import (  # noqa: E402
    USER_AGENT,
    Client,
    Resident,
    event_loop,
    free_port,
    phase,
    summary,
    wait_until_up,
)


def recreate_postgres(drop_only=False):
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS agora_votes_bench WITH (FORCE)")
        if not drop_only:
            conn.execute("CREATE DATABASE agora_votes_bench")


def bench_app(database_url, secret, instance_dir):
    from app import create_app
    from app.config import Config, _database_url

    config = type(
        "BenchConfig",
        (Config,),
        {
            "SQLALCHEMY_DATABASE_URI": _database_url(database_url),
            "SECRET_KEY": secret,
            "INSTANCE_DIR": instance_dir,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_FAST": True,
        },
    )
    return create_app(config)


def seed(app, clients, ideas):
    """Migrate, then create one verified resident per client and `ideas` published ideas."""
    from flask_migrate import upgrade

    from app.accounts.services import create_user
    from app.core.time import utcnow
    from app.extensions import db
    from app.ideas.models import Category, Idea

    with app.app_context():
        upgrade()
        users = [
            create_user(f"bench{i}@example.org", f"Bench {i}", secrets.token_hex(8), verified=True)
            for i in range(clients)
        ]
        author = create_user("author@example.org", "Author", secrets.token_hex(8), verified=True)
        category = Category(slug="bench", theme="mobility", name_fr="Banc", name_ar="مقعد", name_en="Bench")
        pool = [
            Idea(
                title=f"Idea {n}", description="Shade and benches.", category=category, author=author,
                status="published", lat=33.57, lng=-7.59, published_at=utcnow(),
            )
            for n in range(ideas)
        ]  # fmt: skip
        db.session.add_all(pool)
        db.session.commit()
        idea_ids = [idea.id for idea in pool]
        residents = [(user.id, user.get_id()) for user in users]
        db.engine.dispose()
        return residents, idea_ids


def signed_cookies(app, session_ids):
    """Session cookie and CSRF token per resident, signed with the app's own secret."""
    from flask_login.utils import _create_identifier
    from itsdangerous import URLSafeTimedSerializer

    serializer = app.session_interface.get_signing_serializer(app)
    csrf = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
    with app.test_request_context(
        environ_base={"REMOTE_ADDR": "127.0.0.1"}, headers={"User-Agent": USER_AGENT}
    ):
        identifier = _create_identifier()
    credentials = []
    for session_id in session_ids:
        raw = secrets.token_hex(20)
        session = {"_user_id": session_id, "_fresh": True, "_id": identifier, "csrf_token": raw}
        credentials.append((serializer.dumps(session), csrf.dumps(raw)))
    return credentials


def measure(port, credentials, idea_ids, args):
    """Interleaved rounds (/healthz, supports) so both see the same machine load; then paced."""
    # This process holds the whole app from seeding: a full collection of it would stop every
    # client for 60 to 90 ms and count the pause in the server's latencies.
    gc.collect()
    gc.freeze()
    probes = [Client(port) for _ in range(args.clients)]
    residents = [Resident(port, cookie, token) for cookie, token in credentials]
    health, votes = [], []
    with event_loop() as runner:
        # Not measured: every worker has booted, and has compiled (and PostgreSQL prepared)
        # the statements of both paths, as on a server that has been up for a while.
        runner.run(phase(probes, lambda c: c.request("GET", "/healthz"), args.warmup))
        runner.run(phase(residents, lambda c: c.click(idea_ids), args.warmup))
        for _ in range(args.rounds):
            seconds = args.seconds / args.rounds
            health.append(runner.run(phase(probes, lambda c: c.request("GET", "/healthz"), seconds)))
            votes.append(runner.run(phase(residents, lambda c: c.click(idea_ids), seconds)))
        paced = runner.run(phase(residents, lambda c: c.click(idea_ids), args.seconds, pace=args.pace))
    return summary(health), summary(votes), summary([paced]), residents


def check(app, users, workers, idea_ids):
    """Counters against rows and against what the clients last confirmed."""
    from sqlalchemy import text

    from app.extensions import db

    expected = {
        (user_id, idea)
        for (user_id, _), w in zip(users, workers, strict=True)
        for idea, on in w.state.items()
        if on
    }
    with app.app_context():
        rows = set(db.session.execute(text("SELECT user_id, idea_id FROM votes")).all())
        counters = dict(db.session.execute(text("SELECT id, support_count FROM ideas")).all())
        db.engine.dispose()

    def per_idea(pairs, idea):
        return sum(1 for _, i in pairs if i == idea)

    return {
        "supports": len(expected),
        "lost": sum(max(0, per_idea(expected, i) - counters[i]) for i in idea_ids),
        "double": sum(max(0, counters[i] - per_idea(expected, i)) for i in idea_ids),
        "rows_off": len(expected ^ rows),
        "drift": sum(1 for i in idea_ids if counters[i] != per_idea(rows, i)),
    }


@contextlib.contextmanager
def gunicorn(app_spec, args, env=None, extra=()):
    """gunicorn with the project's gunicorn.conf.py on a free local port; yields the port."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--worker-class", args.worker_class,
        "--threads", str(args.threads), "--log-level", "warning", *extra, app_spec,
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env or os.environ, start_new_session=True)
    try:
        wait_until_up(port)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def measure_floor(args):
    """The same clients and server settings around an app that does nothing: the host's floor."""
    with gunicorn("votes_floor:app", args, extra=["--pythonpath", str(ROOT / "bench")]) as port:
        probes = [Client(port) for _ in range(args.clients)]
        with event_loop() as runner:
            runner.run(phase(probes, lambda c: c.request("GET", "/"), args.warmup))
            result = runner.run(phase(probes, lambda c: c.request("GET", "/"), args.seconds / args.rounds))
    return summary([result])


def run(database, args):
    load, floor = os.getloadavg(), measure_floor(args)
    tmp = Path(tempfile.mkdtemp(prefix="agora-votes-bench-"))
    if database == "postgres":
        recreate_postgres()
        url = pg_bench_url(args.pg_host)
    else:
        url = f"sqlite:///{tmp / 'bench.db'}"
    try:
        secret = secrets.token_hex(32)
        app = bench_app(url, secret, tmp)
        users, idea_ids = seed(app, args.clients, args.ideas)
        credentials = signed_cookies(app, [session_id for _, session_id in users])
        env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=secret, AGORA_INSTANCE_DIR=str(tmp))
        env["RATELIMIT_ENABLED"] = "false"
        with gunicorn("wsgi:app", args, env) as port:
            health, votes, paced, workers = measure(port, credentials, idea_ids, args)
        outcome = check(app, users, workers, idea_ids)
    finally:
        if database == "postgres":
            recreate_postgres(drop_only=True)
        shutil.rmtree(tmp, ignore_errors=True)
    if database == "postgres" and args.pg_host.startswith("/"):
        database = "postgres (socket)"
    return {
        "database": database, "health": health, "votes": votes, "paced": paced, "load": load, "floor": floor,
        **outcome,
    }  # fmt: skip


def table(results, args):
    h_rounds = (
        f"{args.rounds} alternating rounds, {args.seconds:g} s in all per endpoint, "
        f"after {args.warmup:g} s of each unmeasured"
    )
    lines = [
        f"{args.clients} concurrent clients; gunicorn {args.workers} {args.worker_class} workers"
        f"{f' x {args.threads} threads' if args.threads > 1 else ''}; "
        f"flat out: {h_rounds}; paced: {args.pace:g} clicks/s per client for {args.seconds:g} s; "
        f"load average {results[0]['load'][0]:.1f} before, {os.getloadavg()[0]:.1f} after. "
        "Floor: the same clients and gunicorn settings around a WSGI app that does nothing "
        f"(bench/votes_floor.py), flat out for {args.seconds / args.rounds:g} s before each database. "
        "Generator CPU: the load generator's own, in cores, during the flat-out supports.",
        "",
        "| database | floor req/s | floor p50 / p99 ms | /healthz req/s | /healthz p50 / p99 ms "
        "| supports req/s | supports p50 / p99 ms | supports ÷ /healthz | paced supports req/s "
        "| paced p50 / p99 ms | HTTP errors | generator CPU, cores |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        f, h, v, p = r["floor"], r["health"], r["votes"], r["paced"]
        lines.append(
            f"| {r['database']} | {f['rate']:.0f} | {f['p50']:.1f} / {f['p99']:.1f} | {h['rate']:.0f} "
            f"| {h['p50']:.1f} / {h['p99']:.1f} | {v['rate']:.0f} "
            f"| {v['p50']:.1f} / {v['p99']:.1f} | {v['rate'] / h['rate']:.0%} | {p['rate']:.0f} "
            f"| {p['p50']:.1f} / {p['p99']:.1f} | {f['errors'] + h['errors'] + v['errors'] + p['errors']} "
            f"| {v['generator']:.2f} |"
        )
    lines += [
        "",
        "| database | support requests | final supports | lost | double-counted | rows ≠ expected "
        "| counters ≠ rows |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['votes']['requests'] + r['paced']['requests']} | {r['supports']} "
            f"| {r['lost']} | {r['double']} | {r['rows_off']} | {r['drift']} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--ideas", type=int, default=12, help="a small pool, so that clients collide")
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="flat-out time per endpoint, and paced time"
    )
    parser.add_argument("--pg-host", default="127.0.0.1", help="PostgreSQL's address, or its socket's folder")
    parser.add_argument("--rounds", type=int, default=2, help="alternations of /healthz and supports")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds per endpoint first")
    parser.add_argument("--pace", type=float, default=2.0, help="clicks per second per client, paced phase")
    shipped = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    parser.add_argument("--workers", type=int, default=shipped["workers"], help="default: gunicorn.conf.py")
    parser.add_argument("--worker-class", default=shipped["worker_class"], help="default: gunicorn.conf.py")
    parser.add_argument("--threads", type=int, default=shipped.get("threads", 1), help="gthread workers")
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [run(database, args) for database in databases]
    print(table(results, args))
    broken = any(
        r["lost"] or r["double"] or r["rows_off"] or r["drift"] or r["votes"]["errors"] for r in results
    )
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
