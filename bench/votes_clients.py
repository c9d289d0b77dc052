"""HTTP clients for bench/votes.py: every client on one uvloop event loop, timed phases.

One thread drives every client, so a latency is the server's answer time, not a wait for the
generator's own GIL; uvloop and requests built once keep the generator's share of the CPU it
shares with the server small.
"""

import asyncio
import contextlib
import http.client
import json
import random
import re
import socket
import time
from urllib.parse import urlencode

import uvloop

USER_AGENT = "agora-bench/1"


def event_loop():
    """A runner whose loop serves every phase of a measurement."""
    return asyncio.Runner(loop_factory=uvloop.new_event_loop)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


class _Exchange(asyncio.Protocol):
    """One request on one connection: the response's status and body, then the connection closes."""

    def __init__(self, message, answer):
        self.message, self.answer, self.received = message, answer, bytearray()

    def connection_made(self, transport):
        transport.write(self.message)  # asyncio and uvloop set TCP_NODELAY on TCP sockets

    def data_received(self, data):
        self.received += data
        head_end = self.received.find(b"\r\n\r\n")
        if head_end < 0 or self.answer.done():
            return
        length = _CONTENT_LENGTH.search(self.received, 0, head_end)
        body = self.received[head_end + 4 :]
        if length and len(body) >= int(length[1]):
            self.answer.set_result((int(self.received[9:12]), bytes(body)))

    def connection_lost(self, exc):
        if not self.answer.done():
            self.answer.set_exception(exc or ConnectionResetError("closed before the whole response"))


_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length: *(\d+)", re.IGNORECASE)


def _close_now(transport):
    # The FIN now, not on the loop's next turn (asyncio and uvloop both close a transport
    # there): a sync worker waits for it before it takes the next request, as it would from a
    # reverse proxy that closes at once. uvloop's transport socket has no shutdown(): a
    # duplicate of its descriptor shuts the same connection.
    raw = transport.get_extra_info("socket")
    if raw is not None and raw.fileno() >= 0:  # not when the server has already reset it
        with contextlib.suppress(OSError), socket.fromfd(raw.fileno(), raw.family, raw.type) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    transport.abort()


class Client:
    """Requests one after the other, a connection each (sync workers close after every answer)."""

    def __init__(self, port, cookie=None, token=None):
        self.port, self.cookie, self.token = port, cookie, token
        self.latencies, self.errors = [], 0
        head = [f"Host: 127.0.0.1:{port}", f"User-Agent: {USER_AGENT}", "Accept: application/json"]
        if cookie:
            head.append(f"Cookie: session={cookie}")
        self.head = "\r\n".join(head)
        # Built once per request line (a client always posts the same body, its CSRF token):
        # the generator's CPU is taken from the server's.
        self.messages = {}

    def _message(self, method, path, body):
        key = (method, path)
        if key not in self.messages:
            message = f"{method} {path} HTTP/1.1\r\n{self.head}\r\nConnection: close\r\n"
            data = b""
            if body is not None:
                data = urlencode(body).encode()
                message += "Content-Type: application/x-www-form-urlencoded\r\n"
            message = (message + f"Content-Length: {len(data)}\r\n\r\n").encode("latin-1") + data
            self.messages[key] = message
        return self.messages[key]

    async def _exchange(self, message):
        loop = asyncio.get_running_loop()
        answer = loop.create_future()
        transport, _ = await loop.create_connection(
            lambda: _Exchange(message, answer), "127.0.0.1", self.port
        )
        try:
            return await answer
        finally:
            _close_now(transport)

    async def request(self, method, path, body=None):
        message = self._message(method, path, body)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(15):  # no task per request, unlike wait_for
                status, payload = await self._exchange(message)
        except (TimeoutError, OSError):
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


async def phase(clients, work, seconds, pace=None):
    """Every client repeats `work` until the deadline, flat out or `pace` times a second."""
    for client in clients:
        client.latencies, client.errors = [], 0
    started, cpu = time.perf_counter(), time.process_time()
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
        "cpu": time.process_time() - cpu,  # the load generator's own, taken from the server's cores
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
        "generator": sum(p["cpu"] for p in phases) / sum(p["elapsed"] for p in phases),
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
