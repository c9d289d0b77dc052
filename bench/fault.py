"""Fault test: two gunicorn instances and two job workers on one PostgreSQL database, rate limits
and the job queue in Redis, residents supporting, withdrawing and reporting at once, and a
moderator hiding an idea whose supporters are all notified by mail, while one instance is killed,
one worker is killed mid-job and PostgreSQL ends the app's connections. Afterwards the counts must
be exact, every verify command clean, the rate limit shared by both instances, every job done and
every queued mail in the outbox exactly once.

    .venv/bin/python bench/fault.py            # 24 clients, 40 s of traffic, 3,000 supporters
    .venv/bin/python bench/fault.py --short    # 8 clients, 12 s, 600 supporters (tests/security)

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
import urllib.error
import urllib.request
from email import policy
from email.parser import BytesParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from votes import PG_ADMIN_URL, bench_app, gunicorn, seed, signed_cookies  # noqa: E402
from votes_clients import USER_AGENT, _close_now, _Exchange, event_loop, free_port  # noqa: E402

THRESHOLD = 3  # REPORT_HIDE_THRESHOLD of the instances
API_LIMIT = 20  # RATELIMIT_API of the instances, per minute: counted in Redis for both
# The test's own connections, which watch the app and are not among those a fault ends.
MONITOR = "agora-fault-monitor"
LEASE_SECONDS = 6  # JOBS_LEASE_SECONDS of the workers: a killed worker's jobs run again after it


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
                " WHERE datname = %s AND pid <> pg_backend_pid() AND application_name <> %s",
                (name, MONITOR),
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


def seed_fanout(app, supporters):
    """A published idea with `supporters` supporters (bulk-inserted, as a round's favourite) and
    a moderator; returns the idea's id and version, and the moderator's session id."""
    from sqlalchemy import func, insert, select

    from app.accounts.models import User
    from app.accounts.services import create_user
    from app.core.time import utcnow
    from app.extensions import db
    from app.ideas.models import Category, Idea
    from app.votes.models import Vote

    with app.app_context():
        author = db.session.scalar(db.select(User).where(User.email == "author@example.org"))
        category = db.session.scalar(db.select(Category).where(Category.slug == "bench"))
        moderator = create_user("moderator@example.org", "Moderator", secrets.token_hex(8), verified=True)
        moderator.role = "moderator"
        template = {c.name: getattr(author, c.key) for c in User.__table__.columns if c.name != "id"}
        last = db.session.scalar(select(func.max(User.id)))
        db.session.execute(
            insert(User),
            [
                {**template, "email": f"supporter{n}@example.org", "display_name": f"Supporter {n}",
                 "session_token": secrets.token_urlsafe(32), "language": ("fr", "ar", "en")[n % 3]}
                for n in range(supporters)
            ],
        )  # fmt: skip
        ids = db.session.scalars(select(User.id).where(User.id > last, User.email.like("supporter%"))).all()
        idea = Idea(
            title="Favourite", description="Supported by many residents at once.", category=category,
            author=author, status="published", lat=33.58, lng=-7.61, published_at=utcnow(),
        )  # fmt: skip
        db.session.add(idea)
        db.session.flush()
        db.session.execute(insert(Vote), [{"user_id": uid, "idea_id": idea.id} for uid in ids])
        idea.support_count = len(ids)
        db.session.commit()
        seeded = idea.id, idea.updated_at.isoformat(), moderator.get_id()
        db.engine.dispose()
        return seeded


class Workers:
    """Two `flask jobs worker` processes (Huey consumers on Redis), each in its own session."""

    def __init__(self, env, tmp, count=2, threads=2):
        self.env, self.tmp, self.threads = env, tmp, threads
        self.processes = [self._start(n) for n in range(count)]

    def _start(self, n):
        log = open(self.tmp / f"worker-{n}.log", "ab")  # noqa: SIM115 (closed with the process)
        # Its connections carry its name, so that the test can see when it is inside a job.
        env = dict(self.env, DATABASE_URL=f"{self.env['DATABASE_URL']}?application_name=agora-job-worker-{n}")
        command = [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "jobs",
            "worker",
            "--workers",
            str(self.threads),
        ]
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)  # noqa: S603

    def kill(self, n):
        os.killpg(self.processes[n].pid, signal.SIGKILL)
        self.processes[n].wait()

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _pg_rows(database_url, sql, params=()):
    import psycopg

    with psycopg.connect(database_url, autocommit=True, application_name=MONITOR) as conn:
        return conn.execute(sql, params).fetchall()


def outbox_count(folder):
    return sum(1 for _ in folder.glob("[!.]*.eml")) if folder.is_dir() else 0


def kill_worker_mid_job(workers, database_url, outbox, expected, deadline):
    """SIGKILL worker 0 once a fifth of the fan-out's mails have arrived (both workers are then
    sending them) at a moment it is inside a job's transaction (its connections are named in
    pg_stat_activity), and say which jobs it held: those still claimed a moment later."""
    import psycopg

    inside = (
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE application_name = 'agora-job-worker-0' AND xact_start IS NOT NULL"
    )
    in_transactions = 0
    with psycopg.connect(database_url, autocommit=True, application_name=MONITOR) as conn:
        while time.monotonic() < deadline:
            in_transactions = outbox_count(outbox) >= expected // 5 and conn.execute(inside).fetchone()[0]
            if in_transactions:
                break
            time.sleep(0.005)
        workers.kill(0)
        killed_at = conn.execute("SELECT now() AT TIME ZONE 'utc'").fetchone()[0]
    time.sleep(1.0)  # the survivor's jobs end in milliseconds; the dead worker's stay claimed
    stranded = _pg_rows(
        database_url,
        "SELECT count(*) FROM jobs WHERE status = 'running' AND claimed_at < %s",
        (killed_at,),
    )[0][0]
    workers.stranded = stranded
    return (
        f"worker 0 killed (SIGKILL) with {outbox_count(outbox)} of {expected} fan-out mails sent, "
        f"inside {int(in_transactions)} open transaction(s); {stranded} jobs still claimed 1 s later"
    )


def drain(database_url, seconds):
    """Wait until no job is pending or running; the seconds it took, or None on timeout."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        (left,) = _pg_rows(database_url, "SELECT count(*) FROM jobs WHERE status IN ('pending', 'running')")[
            0
        ]
        if not left:
            return time.monotonic() - started
        time.sleep(0.25)
    return None


def shared_rate_limit(ports, requests=API_LIMIT + 10):
    """Public API requests alternating between the instances: how many each side let through."""
    allowed = refused = 0
    for n in range(requests):
        url = f"http://127.0.0.1:{ports[n % len(ports)]}/api/v1/categories"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local instances)
                allowed += response.status == 200
        except urllib.error.HTTPError as error:
            refused += error.code == 429
    return allowed, refused


# The jobs that send one mail each under their own key: the supporters' notices of the decision,
# and the immediate mails of the residents who follow the idea without supporting it.
MAIL_JOBS = ("notification_mail", "follow_mail")


def mail_check(app, database_url, outbox, fanout_idea):
    """Every queued mail's Message-ID against the outbox: sent once, never twice, none missing;
    every notification of the decision recorded once, each with its one mail job."""
    from app.core.mail import message_id

    jobs = _pg_rows(database_url, "SELECT name, key, status, attempts FROM jobs")
    with app.app_context():
        expected = {message_id(key): key for name, key, *_ in jobs if name in MAIL_JOBS}
    parser = BytesParser(policy=policy.default)
    sent, cut = {}, 0
    for path in outbox.glob("[!.]*.eml") if outbox.is_dir() else ():
        message = parser.parsebytes(path.read_bytes())
        body = message.get_body(preferencelist=("plain",))
        # A mail as a reader would get it: headers and a body that ends with its closing newline.
        cut += not (message["Message-ID"] and body and body.get_content().endswith("\n"))
        sent[message["Message-ID"]] = sent.get(message["Message-ID"], 0) + 1
    (fanout_notices, fanout_people) = _pg_rows(
        database_url,
        "SELECT count(*), count(DISTINCT user_id) FROM notifications WHERE idea_id = %s",
        (fanout_idea,),
    )[0]
    statuses = {}
    for _name, _key, status, _attempts in jobs:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "mails_expected": len(expected),
        "mails_sent": sum(sent.values()),
        "mails_twice": sum(1 for mid, n in sent.items() if n > 1),
        "mails_missing": sum(1 for mid in expected if mid not in sent),
        "mails_unexpected": sum(1 for mid in sent if mid not in expected),
        "mails_retried": sum(1 for name, _k, _s, attempts in jobs if name in MAIL_JOBS and attempts > 1),
        "cut_mails": cut,
        # What the killed worker was writing when it died: never under a mail's name, and swept
        # by the daily outbox purge.
        "temporary_files": sum(1 for _ in outbox.glob(".partial-*")) if outbox.is_dir() else 0,
        "fanout_notices": fanout_notices,
        "fanout_duplicates": fanout_notices - fanout_people,
        "jobs": statuses,
        "jobs_left": sum(n for status, n in statuses.items() if status != "done"),
    }


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
        rows = set(
            db.session.execute(
                text("SELECT user_id, idea_id FROM votes WHERE idea_id = ANY(:ids)"), {"ids": vote_ideas}
            ).all()
        )
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
            fanout = seed_fanout(app, args.supporters)
            credentials = signed_cookies(app, [session_id for _, session_id in users] + [fanout[2]])
            env = dict(
                os.environ, DATABASE_URL=database_url, SECRET_KEY=secret, AGORA_INSTANCE_DIR=str(tmp),
                RATELIMIT_STORAGE_URI=redis_url, RATELIMIT_ENABLED="true", HUEY_URL=redis_url,
                OUTBOX_DIR=str(tmp / "outbox"), MAIL_SERVER="", JOBS_LEASE_SECONDS=str(LEASE_SECONDS),
                JOBS_RETRY_SECONDS="1", REPORT_HIDE_THRESHOLD=str(THRESHOLD),
                RATELIMIT_VOTE_USER="100000 per minute", RATELIMIT_VOTE_IP="1000000 per minute",
                RATELIMIT_API=f"{API_LIMIT} per minute",
            )  # fmt: skip
            moderator = SimpleNamespace(idea=fanout[0], version=fanout[1], credentials=credentials.pop())
            outcome = exercise(args, env, tmp, users, credentials, vote_ideas, report_ideas, moderator)
            outcome.update(integrity(app, outcome.pop("residents"), vote_ideas, report_ideas))
            outcome.update(mail_check(app, database_url, tmp / "outbox", fanout[0]))
            outcome["verify"] = verify_commands(app, env)
    finally:
        recreate_database(args.pg_admin_url, args.database, drop_only=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return outcome


def decide(ports, moderator):
    """The moderator hides the favourite idea through either instance; the answer's status."""
    import http.client

    cookie, token = moderator.credentials
    body = urlencode({"csrf_token": token, "version": moderator.version, "reason": "spam"})
    headers = {"Cookie": f"session={cookie}", "User-Agent": USER_AGENT,
               "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
    for attempt in range(6):
        connection = http.client.HTTPConnection("127.0.0.1", ports[attempt % len(ports)], timeout=15)
        try:
            started = time.perf_counter()
            connection.request("POST", f"/moderation/ideas/{moderator.idea}/hide", body, headers)
            status = connection.getresponse().status
            elapsed = (time.perf_counter() - started) * 1000
            if status < 500:
                return f"idea {moderator.idea} hidden: {status} in {elapsed:.0f} ms"
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    return "the decision failed"


def exercise(args, env, tmp, users, credentials, vote_ideas, report_ideas, moderator):
    server = SimpleNamespace(workers=args.workers, worker_class="sync", threads=1)
    traffic, ports = Traffic(), []
    with contextlib.ExitStack() as stack:
        workers = Workers(env, tmp)
        stack.callback(workers.stop)

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

        def decision():
            return decide(ports, moderator)

        def kill_worker():
            deadline = time.monotonic() + args.seconds * 0.75
            return kill_worker_mid_job(workers, database_url, tmp / "outbox", args.supporters, deadline)

        database_url = env["DATABASE_URL"]
        faults = [(0.05, "decision", decision), (0.1, "worker", kill_worker), (0.2, "database", cut),
                  (0.3, "kill", kill), (0.5, "restart", restart), (0.6, "database", cut),
                  (0.85, "database", cut)]  # fmt: skip
        residents = [
            Resident(user_id, cookie, token, ports, n % 2, traffic)
            for n, ((user_id, _), (cookie, token)) in enumerate(zip(users, credentials, strict=True))
        ]
        with event_loop() as runner:
            runner.run(traffic_phase(residents, vote_ideas, report_ideas, args.seconds, faults))
            unsettled = runner.run(settle(residents))
        drained = drain(database_url, 180)
        allowed, refused = shared_rate_limit(ports)
    return {"traffic": traffic, "residents": residents, "unsettled": unsettled, "drained": drained,
            "stranded": getattr(workers, "stranded", None), "limit_allowed": allowed,
            "limit_refused": refused}  # fmt: skip


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
    drained = "timeout" if r["drained"] is None else f"{r['drained']:.1f} s"
    lines += [
        "",
        f"Jobs: two workers (Huey consumers on Redis, 2 threads each), one SIGKILLed mid-job while the "
        f"decision's {args.supporters:,} supporter mails were being sent; lease {LEASE_SECONDS} s.",
        "",
        "| jobs still claimed 1 s after the kill | all jobs done after | jobs not done "
        "| fan-out notifications "
        "| duplicated notifications | mails queued | mails in the outbox | sent twice | missing | unexpected "
        "| mail jobs run more than once | half-written mails | temporary files left | API limit "
        f"{API_LIMIT}/min, allowed of {API_LIMIT + 10} across both instances |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {r['stranded']} | {drained} "
        f"| {r['jobs_left']} | {r['fanout_notices']} | {r['fanout_duplicates']} | {r['mails_expected']} "
        f"| {r['mails_sent']} | {r['mails_twice']} | {r['mails_missing']} | {r['mails_unexpected']} "
        f"| {r['mails_retried']} | {r['cut_mails']} | {r['temporary_files']} "
        f"| {r['limit_allowed']} ({r['limit_refused']} refused 429) |",
    ]
    lines.append("")
    lines.append("Statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(t.statuses.items())))
    lines.append("Jobs: " + ", ".join(f"{status}: {n}" for status, n in sorted(r["jobs"].items())))
    for name, (code, last) in verify.items():
        lines.append(f"`flask {name}` exit {code}: {last}")
    return "\n".join(lines)


def drifted(args, r):
    fields = (
        "lost", "double", "rows_off", "counter_drift", "unsettled", "report_drift", "jobs_left",
        "fanout_duplicates", "mails_twice", "mails_missing", "mails_unexpected", "cut_mails",
    )  # fmt: skip
    jobs_wrong = (
        r["drained"] is None
        or r["fanout_notices"] != args.supporters + 1  # every supporter and the author
        or r["mails_sent"] != r["mails_expected"]
        or r["limit_allowed"] != API_LIMIT
    )
    return jobs_wrong or any(r[f] for f in fields) or any(code != 0 for code, _ in r["verify"].values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--short", action="store_true", help="8 clients, 12 s, 1 worker per instance, 600 supporters"
    )
    parser.add_argument("--supporters", type=int, default=3000, help="of the idea the moderator hides")
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
        args.clients, args.seconds, args.report_ideas, args.workers, args.supporters = 8, 12.0, 4, 1, 600
    result = run(args)
    print(table(args, result))
    sys.exit(1 if drifted(args, result) else 0)


if __name__ == "__main__":
    main()
