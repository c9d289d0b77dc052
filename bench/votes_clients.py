"""HTTP clients for bench/votes.py: keep-alive connections, timed phases, latency figures."""

import http.client
import json
import random
import socket
import threading
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
    """One keep-alive HTTP connection; records the latency of every request."""

    def __init__(self, port, cookie=None, token=None):
        self.port, self.cookie, self.token = port, cookie, token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        self.latencies, self.errors = [], 0

    def request(self, method, path, body=None):
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if self.cookie:
            headers["Cookie"] = f"session={self.cookie}"
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body)
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (OSError, http.client.HTTPException):
                # The server closes idle keep-alive connections; reconnect once. Repeating a
                # support or a withdrawal is harmless: the second one is a no-op.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                if attempt == 2:
                    self.errors += 1
                    return None
        self.latencies.append(time.perf_counter() - started)
        if response.status != 200:
            self.errors += 1
            return None
        return json.loads(payload) if payload.startswith(b"{") else {}

    def act(self, action, idea_id):
        data = self.request("POST", f"/ideas/{idea_id}/{action}", {"csrf_token": self.token})
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

    def click(self, idea_ids):
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
                if self.act(step[0], idea) is not None:
                    self.state[idea] = step[0] == "vote"
                continue
            # The same resident twice at once; the following step settles the expected state.
            other = threading.Thread(target=self.racer.act, args=(step[1], idea))
            other.start()
            self.act(step[0], idea)
            other.join()
            self.latencies += self.racer.latencies
            self.errors += self.racer.errors
            self.racer.latencies, self.racer.errors = [], 0


def phase(clients, work, seconds, pace=None):
    """Every client repeats `work` until the deadline, flat out or `pace` times a second."""
    for client in clients:
        client.latencies, client.errors = [], 0
    started = time.perf_counter()
    deadline = started + seconds

    def loop(client):
        next_at = started + random.random() / pace if pace else started
        while time.perf_counter() < deadline:
            if pace:
                time.sleep(max(0.0, next_at - time.perf_counter()))
                next_at += 1 / pace
            work(client)

    threads = [threading.Thread(target=loop, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
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
