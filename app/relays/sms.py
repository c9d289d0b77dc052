"""Sending SMS through a pluggable backend: `outbox` (development: one JSON file per message in
OUTBOX_DIR/sms) or `http` (any gateway that takes a JSON POST: SMS_GATEWAY_URL)."""

import json
import os
import secrets
import tempfile
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app


class SmsFailed(RuntimeError):
    """The gateway did not take the message; the job tries again later."""


class OutboxSms:
    def __init__(self, config):
        self.folder = Path(config["OUTBOX_DIR"]) / "sms"

    def send(self, to, text):
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        record = {"to": to, "text": text, "sent_at": datetime.now(UTC).isoformat()}
        handle, temporary = tempfile.mkstemp(prefix=".partial-", dir=self.folder)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.replace(temporary, self.folder / f"{stamp}-{secrets.token_hex(4)}.json")


class HttpGatewaySms:
    """POST {"to", "text", "sender"} as JSON, with `Authorization: Bearer SMS_GATEWAY_TOKEN`;
    any 2xx answer means sent. Most gateways (or a small adapter in front of an SMPP link)
    take this shape."""

    def __init__(self, config):
        self.url = config["SMS_GATEWAY_URL"]
        self.token = config["SMS_GATEWAY_TOKEN"]
        self.sender = config["SMS_SENDER"]
        self.timeout = config["SMS_GATEWAY_TIMEOUT"]
        if not self.url:
            raise SmsFailed("SMS_BACKEND=http needs SMS_GATEWAY_URL")

    def send(self, to, text):
        body = json.dumps({"to": to, "text": text, "sender": self.sender}, ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, method="POST")  # noqa: S310  (the configured gateway)
        request.add_header("Content-Type", "application/json; charset=utf-8")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            raise SmsFailed(f"the SMS gateway answered {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsFailed(f"the SMS gateway cannot be reached: {error}") from None
        if not 200 <= status < 300:
            raise SmsFailed(f"the SMS gateway answered {status}")


BACKENDS = {"outbox": OutboxSms, "http": HttpGatewaySms}


def sms_backend():
    name = current_app.config["SMS_BACKEND"]
    if name not in BACKENDS:
        raise SmsFailed(f"unknown SMS_BACKEND {name!r}: choose outbox or http")
    return BACKENDS[name](current_app.config)


def sms_outbox(limit=50):
    """The newest messages of the development SMS outbox, newest first."""
    folder = Path(current_app.config["OUTBOX_DIR"]) / "sms"
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.json"), reverse=True)[:limit]
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]
