"""Fault test: two gunicorn instances on one PostgreSQL database, rate limits in Redis, residents
supporting, withdrawing and reporting at once while one instance is killed and PostgreSQL ends
the app's connections. Afterwards the counts must be exact and every verify command clean.

    .venv/bin/python bench/fault.py            # 24 clients, 40 s of traffic
    .venv/bin/python bench/fault.py --short    # 8 clients, 12 s: the CI variant (tests/security)

It creates and drops the PostgreSQL database agora_fault_bench, and uses Redis database 13 at
127.0.0.1:6379 (flushed before and after), or a private redis-server when none answers there.
Clients talk to both instances (each resident prefers one and falls back on the other when it
refuses connections, as a load balancer would); a request whose connection broke has an
unknown outcome and is settled by a later request. Prints a table; exits 1 on any drift.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from votes import PG_ADMIN_URL, bench_app, gunicorn, seed, signed_cookies  # noqa: E402
from votes_clients import USER_AGENT, _close_now, _Exchange, event_loop, free_port  # noqa: E402

THRESHOLD = 3  # REPORT_HIDE_THRESHOLD of the instances


def _database_url(admin_url, name):
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def recreate_database(admin_url, name, drop_only=False):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')


def terminate_backends(admin_url, name):
    """End every connection of the app to its database, as a failover or an admin would."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        return sum(
            1
            for (ended,) in conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            if ended
        )


@contextlib.contextmanager
def redis_for_limits(url):
    """`url` when a Redis server answers there, else a private redis-server on a free port."""
    import redis

    server = None
    try:
        redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        if not shutil.which("redis-server"):
            raise SystemExit(f"no Redis at {url} and no redis-server to start") from None
        port = free_port()
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        for _ in range(50):
            with contextlib.suppress(redis.RedisError):
                redis.Redis.from_url(url, socket_timeout=1).ping()
                break
            time.sleep(0.1)
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


def seed_reports(app, count):
    """`count` published ideas for the reporters, by the seeded author."""
    from app.accounts.models import User
    from app.core.time import utcnow
    from app.extensions import db
    from app.ideas.models import Category, Idea

    with app.app_context():
        author = db.session.scalar(db.select(User).where(User.email == "author@example.org"))
        category = db.session.scalar(db.select(Category).where(Category.slug == "bench"))
        ideas = [
            Idea(title=f"Reported {n}", description="Reported by several residents at once.",
                 category=category, author=author, status="published", lat=33.58, lng=-7.60,
                 published_at=utcnow())
            for n in range(count)
        ]  # fmt: skip
        db.session.add_all(ideas)
        db.session.commit()
        ids = [idea.id for idea in ideas]
        db.engine.dispose()
        return ids


class Traffic:
    """What the clients saw, over every request."""

    def __init__(self):
        self.requests = self.server_errors = self.broken = self.refused = 0
        self.statuses = {}


class Resident:
    """A signed-in client: supports, withdraws and reports through either instance."""

    def __init__(self, user_id, cookie, token, ports, home, traffic):
        self.user_id, self.token, self.ports, self.home, self.traffic = user_id, token, ports, home, traffic
        self.head = f"User-Agent: {USER_AGENT}\r\nCookie: session={cookie}\r\nConnection: close\r\n"
        self.state, self.unsure = {}, set()
        self.rng = random.Random(user_id)

    def _message(self, method, path, body, accept):
        data = urlencode({"csrf_token": self.token, **body}).encode()
        return (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{self.head}Accept: {accept}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(data)}\r\n\r\n"
        ).encode("latin-1") + data

    async def _exchange(self, port, message):
        loop = asyncio.get_running_loop()
        answer = loop.create_future()
        transport, _ = await loop.create_connection(lambda: _Exchange(message, answer), "127.0.0.1", port)
        try:
            return await answer
        finally:
            _close_now(transport)

    async def post(self, path, body=None, accept="application/json"):
        """(status, body), or None when the outcome is unknown (the connection broke)."""
        message = self._message("POST", path, body or {}, accept)
        for attempt in range(len(self.ports)):
            port = self.ports[(self.home + attempt) % len(self.ports)]
            try:
                async with asyncio.timeout(15):
                    status, payload = await self._exchange(port, message)
            except ConnectionRefusedError:
                self.traffic.refused += 1  # nothing was sent: the other instance may take it
                continue
            except (OSError, TimeoutError):
                self.traffic.broken += 1
                return None
            self.traffic.requests += 1
            self.traffic.statuses[status] = self.traffic.statuses.get(status, 0) + 1
            self.traffic.server_errors += status >= 500
            return status, payload
        return None

    async def act(self, action, idea):
        answer = await self.post(f"/ideas/{idea}/{action}")
        if answer is not None and answer[0] == 200:
            self.state[idea] = json.loads(answer[1])["supported"]
            self.unsure.discard(idea)
        elif answer is None or answer[0] >= 500:
            self.unsure.add(idea)  # it may have been written before the failure

    async def click(self, ideas):
        idea, roll = self.rng.choice(ideas), self.rng.random()
        if roll < 0.85:
            await self.act("vote" if roll < 0.5 else "unvote", idea)
            return
        # The same resident twice at once: which answer came last says nothing of which write
        # came last, so a following request settles what was kept.
        await asyncio.gather(self.act("vote", idea), self.act(self.rng.choice(["vote", "unvote"]), idea))
        self.unsure.add(idea)
        await self.act(self.rng.choice(["vote", "unvote"]), idea)

    async def report(self, idea):
        await self.post(f"/ideas/{idea}/report", {"reason": "spam", "target": "idea"}, accept="text/html")


async def traffic_phase(residents, vote_ideas, report_ideas, seconds, faults):
    """Flat-out clicks until the deadline; report waves and faults at their moments."""
    started = time.monotonic()
    deadline = started + seconds

    async def clicking(resident):
        while time.monotonic() < deadline:
            await resident.click(vote_ideas)

    async def reporting():
        for n, idea in enumerate(report_ideas):
            await asyncio.sleep(
                max(0.0, started + seconds * (n + 0.5) / len(report_ideas) - time.monotonic())
            )
            crowd = random.sample(residents, min(len(residents), THRESHOLD + 2))
            await asyncio.gather(*(resident.report(idea) for resident in crowd))

    async def fault(at, name, action):
        # Each at its own moment: a slow restart does not delay the next fault.
        await asyncio.sleep(max(0.0, started + seconds * at - time.monotonic()))
        result = await asyncio.get_running_loop().run_in_executor(None, action)
        print(f"  {time.monotonic() - started:5.1f} s  {name}: {result}", file=sys.stderr)

    await asyncio.gather(
        *(clicking(r) for r in residents), reporting(), *(fault(*planned) for planned in faults)
    )


async def settle(residents):
    """Ask again wherever a broken request left the outcome unknown (bounded attempts)."""
    for _ in range(5):
        pending = [(r, idea) for r in residents for idea in sorted(r.unsure)]
        if not pending:
            return 0
        await asyncio.gather(*(r.act(r.rng.choice(["vote", "unvote"]), idea) for r, idea in pending))
    return sum(len(r.unsure) for r in residents)


def integrity(app, residents, vote_ideas, report_ideas):
    from sqlalchemy import text

    from app.extensions import db

    expected = {(r.user_id, idea) for r in residents for idea, on in r.state.items() if on}
    with app.app_context():
        rows = set(db.session.execute(text("SELECT user_id, idea_id FROM votes")).all())
        counters = dict(db.session.execute(text("SELECT id, support_count FROM ideas")).all())
        reported = db.session.execute(
            text(
                "SELECT i.id, i.status, i.open_reports,"
                " (SELECT count(*) FROM reports r WHERE r.idea_id = i.id AND r.status = 'open'),"
                " (SELECT count(*) FROM moderation_actions a"
                "  WHERE a.idea_id = i.id AND a.action = 'auto_hide')"
                " FROM ideas i WHERE i.id = ANY(:ids)"
            ),
            {"ids": report_ideas},
        ).all()
        db.engine.dispose()

    def per_idea(pairs, idea):
        return sum(1 for _, i in pairs if i == idea)

    report_drift = 0
    for idea_id, status, column, open_rows, hides in reported:
        problems = [
            f"open_reports {column} but {open_rows} open reports" if column != open_rows else "",
            f"still published with {open_rows} open reports"
            if open_rows >= THRESHOLD and status == "published"
            else "",
            f"hidden {hides} times by reports" if hides != (1 if status == "hidden" else 0) else "",
        ]
        if any(problems):
            report_drift += 1
            print(
                f"  reported idea {idea_id} ({status}): {'; '.join(p for p in problems if p)}",
                file=sys.stderr,
            )
    return {
        "supports": len(expected),
        "lost": sum(max(0, per_idea(expected, i) - counters[i]) for i in vote_ideas),
        "double": sum(max(0, counters[i] - per_idea(expected, i)) for i in vote_ideas),
        "rows_off": len(expected ^ rows),
        "counter_drift": sum(1 for i in vote_ideas if counters[i] != per_idea(rows, i)),
        "reports": sum(open_rows for *_, open_rows, _h in reported),
        "hidden": sum(1 for _i, status, *_ in reported if status == "hidden"),
        "report_drift": report_drift,
    }


def verify_commands(app, env):
    """Exit code and last line of each verify command (`flask verify` only where it exists)."""
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    commands = [("votes verify", ["votes", "verify"]), ("geo verify-cells", ["geo", "verify-cells"])]
    if "verify" in app.cli.commands:
        commands.append(("verify", ["verify"]))
    results = {}
    for name, words in commands:
        done = subprocess.run(
            [*flask, *words], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        lines = (done.stdout + done.stderr).strip().splitlines()
        results[name] = (done.returncode, lines[-1] if lines else "")
    return results


def run(args):
    database_url = _database_url(args.pg_admin_url, args.database)
    tmp = Path(tempfile.mkdtemp(prefix="agora-fault-"))
    recreate_database(args.pg_admin_url, args.database)
    try:
        with redis_for_limits(args.redis_url) as redis_url:
            secret = secrets.token_hex(32)
            app = bench_app(database_url, secret, tmp)
            users, vote_ideas = seed(app, args.clients, args.ideas)
            report_ideas = seed_reports(app, args.report_ideas)
            credentials = signed_cookies(app, [session_id for _, session_id in users])
            env = dict(
                os.environ, DATABASE_URL=database_url, SECRET_KEY=secret, AGORA_INSTANCE_DIR=str(tmp),
                RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_ENABLED="true",
                REPORT_HIDE_THRESHOLD=str(THRESHOLD),
                RATELIMIT_VOTE_USER="100000 per minute", RATELIMIT_VOTE_IP="1000000 per minute",
            )  # fmt: skip
            outcome = exercise(args, env, tmp, users, credentials, vote_ideas, report_ideas)
            outcome.update(integrity(app, outcome.pop("residents"), vote_ideas, report_ideas))
            outcome["verify"] = verify_commands(app, env)
    finally:
        recreate_database(args.pg_admin_url, args.database, drop_only=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return outcome


def exercise(args, env, tmp, users, credentials, vote_ideas, report_ideas):
    server = SimpleNamespace(workers=args.workers, worker_class="sync", threads=1)
    traffic, ports = Traffic(), []
    with contextlib.ExitStack() as stack:

        def start(slot):
            pidfile = tmp / f"gunicorn-{slot}-{len(ports)}.pid"
            port = stack.enter_context(gunicorn("wsgi:app", server, env, extra=["--pid", str(pidfile)]))
            for _ in range(50):
                if pidfile.exists() and pidfile.read_text().strip():
                    break
                time.sleep(0.1)
            return port, int(pidfile.read_text())

        instances = [start(0), start(1)]
        ports.extend(port for port, _pid in instances)

        def kill():
            os.killpg(instances[0][1], signal.SIGKILL)
            return f"instance on port {ports[0]} killed (SIGKILL)"

        def restart():
            instances[0] = start(0)
            ports[0] = instances[0][0]
            return f"instance restarted on port {ports[0]}"

        def cut():
            return f"{terminate_backends(args.pg_admin_url, args.database)} PostgreSQL connections ended"

        faults = [(0.2, "database", cut), (0.3, "kill", kill), (0.5, "restart", restart),
                  (0.6, "database", cut), (0.85, "database", cut)]  # fmt: skip
        residents = [
            Resident(user_id, cookie, token, ports, n % 2, traffic)
            for n, ((user_id, _), (cookie, token)) in enumerate(zip(users, credentials, strict=True))
        ]
        with event_loop() as runner:
            runner.run(traffic_phase(residents, vote_ideas, report_ideas, args.seconds, faults))
            unsettled = runner.run(settle(residents))
    return {"traffic": traffic, "residents": residents, "unsettled": unsettled}


def table(args, r):
    t = r["traffic"]
    verify = r["verify"]
    names = ["votes verify", "geo verify-cells", "verify"]
    lines = [
        f"{args.clients} clients for {args.seconds:g} s on two gunicorn instances ({args.workers} sync "
        f"worker(s) each), PostgreSQL, limits in Redis; {args.ideas} ideas to support, "
        f"{args.report_ideas} reported by {THRESHOLD + 2} residents at once each (threshold {THRESHOLD}); "
        "faults: PostgreSQL connections ended at 20, 60 and 85 % of the run, an instance killed "
        "at 30 % and restarted from 50 %.",
        "",
        "| requests | 5xx | broken connections | refused, sent to the other instance "
        "| final supports | lost | double-counted | rows ≠ confirmed | counters ≠ rows | unsettled "
        "| open reports | ideas hidden | report drift | " + " | ".join(f"`{n}`" for n in names) + " |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
        + " | ".join("---" for _ in names)
        + " |",
    ]
    cells = [
        "not available" if name not in verify else ("clean" if verify[name][0] == 0 else "DRIFT")
        for name in names
    ]
    lines.append(
        f"| {t.requests} | {t.server_errors} | {t.broken} | {t.refused} | {r['supports']} | {r['lost']} "
        f"| {r['double']} | {r['rows_off']} | {r['counter_drift']} | {r['unsettled']} | {r['reports']} "
        f"| {r['hidden']} of {args.report_ideas} | {r['report_drift']} | " + " | ".join(cells) + " |"
    )
    lines.append("")
    lines.append("Statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(t.statuses.items())))
    for name, (code, last) in verify.items():
        lines.append(f"`flask {name}` exit {code}: {last}")
    return "\n".join(lines)


def drifted(r):
    fields = ("lost", "double", "rows_off", "counter_drift", "unsettled", "report_drift")
    return any(r[f] for f in fields) or any(code != 0 for code, _ in r["verify"].values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="8 clients, 12 s, 1 worker per instance")
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--ideas", type=int, default=12, help="a small pool, so that clients collide")
    parser.add_argument("--report-ideas", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="sync workers per instance")
    parser.add_argument("--pg-admin-url", default=PG_ADMIN_URL)
    parser.add_argument("--database", default="agora_fault_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    if args.short:
        args.clients, args.seconds, args.report_ideas, args.workers = 8, 12.0, 4, 1
    result = run(args)
    print(table(args, result))
    sys.exit(1 if drifted(result) else 0)


if __name__ == "__main__":
    main()
