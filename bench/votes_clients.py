"""HTTP clients for bench/votes.py: keep-alive connections on one asyncio loop, timed phases.

One thread drives every client, so the load generator spends little of the CPU it shares with
the server, and a latency is the server's answer time, not a wait for the generator's own GIL.
"""

import asyncio
import contextlib
import http.client
import json
import random
import socket
import time
from urllib.parse import urlencode

USER_AGENT = "agora-bench/1"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


class Client:
    """One keep-alive HTTP/1.1 connection; records the latency of every request."""

    def __init__(self, port, cookie=None, token=None):
        self.port, self.cookie, self.token = port, cookie, token
        self.reader = self.writer = None
        self.latencies, self.errors = [], 0
        head = [f"Host: 127.0.0.1:{port}", f"User-Agent: {USER_AGENT}", "Accept: application/json"]
        if cookie:
            head.append(f"Cookie: session={cookie}")
        self.head = "\r\n".join(head)

    async def _exchange(self, message):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            self.writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.writer.write(message)
        status_line, *lines = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines if ": " in line)
        payload = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection") == "close":
            self._close()
        return int(status_line.split(" ", 2)[1]), payload

    def _close(self):
        if self.writer is not None:
            # The FIN now, not on the loop's next turn: a sync worker waits for it before it
            # takes the next request, as it would from a reverse proxy that closes at once.
            with contextlib.suppress(OSError):
                self.writer.get_extra_info("socket").shutdown(socket.SHUT_RDWR)
            self.writer.transport.abort()
        self.reader = self.writer = None

    async def request(self, method, path, body=None):
        message = f"{method} {path} HTTP/1.1\r\n{self.head}\r\n"
        data = b""
        if body is not None:
            data = urlencode(body).encode()
            message += "Content-Type: application/x-www-form-urlencoded\r\n"
        message = (message + f"Content-Length: {len(data)}\r\n\r\n").encode("latin-1") + data
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                async with asyncio.timeout(15):  # no task per request, unlike wait_for
                    status, payload = await self._exchange(message)
                break
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                # The server closes idle keep-alive connections; reconnect once. Repeating a
                # support or a withdrawal is harmless: the second one is a no-op.
                self._close()
                if attempt == 2:
                    self.errors += 1
                    return None
        self.latencies.append(time.perf_counter() - started)
        if status != 200:
            self.errors += 1
            return None
        return json.loads(payload) if payload.startswith(b"{") else {}

    async def act(self, action, idea_id):
        data = await self.request("POST", f"/ideas/{idea_id}/{action}", {"csrf_token": self.token})
        if data is not None and data.get("supported") != (action == "vote"):
            self.errors += 1
            return None
        return data


class Resident(Client):
    """A signed-in client; `state` holds what it last confirmed for each idea."""

    def __init__(self, port, cookie, token):
        super().__init__(port, cookie, token)
        self.state = {}
        self.racer = Client(port, cookie, token)  # a second connection, for double submits
        self.rng = random.Random()

    async def click(self, idea_ids):
        idea, roll = self.rng.choice(idea_ids), self.rng.random()
        if roll < 0.45:
            plan = [("vote",)]
        elif roll < 0.80:
            plan = [("unvote",)]
        elif roll < 0.90:
            plan = [("vote",), ("vote",)]  # a deliberate duplicate
        else:
            race = self.rng.choice([("vote", "unvote"), ("vote", "vote")])
            plan = [race, (self.rng.choice(["vote", "unvote"]),)]
        for step in plan:
            if len(step) == 1:
                if await self.act(step[0], idea) is not None:
                    self.state[idea] = step[0] == "vote"
                continue
            # The same resident twice at once; the following step settles the expected state.
            await asyncio.gather(self.act(step[0], idea), self.racer.act(step[1], idea))
            self.latencies += self.racer.latencies
            self.errors += self.racer.errors
            self.racer.latencies, self.racer.errors = [], 0

    def close(self):
        self._close()
        self.racer._close()


async def phase(clients, work, seconds, pace=None):
    """Every client repeats `work` until the deadline, flat out or `pace` times a second."""
    for client in clients:
        client.latencies, client.errors = [], 0
    started = time.perf_counter()
    deadline = started + seconds

    async def loop(client):
        next_at = started + random.random() / pace if pace else started
        while time.perf_counter() < deadline:
            if pace:
                await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += 1 / pace
            await work(client)

    await asyncio.gather(*(loop(client) for client in clients))
    return {
        "elapsed": time.perf_counter() - started,
        "latencies": [value for c in clients for value in c.latencies],
        "errors": sum(c.errors for c in clients),
    }


def summary(phases):
    latencies = [value for p in phases for value in p["latencies"]]
    return {
        "requests": len(latencies),
        "rate": len(latencies) / sum(p["elapsed"] for p in phases),
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": sum(p["errors"] for p in phases),
    }


def wait_until_up(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")
