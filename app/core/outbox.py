"""Development mail backend: every message becomes an .eml file in the outbox folder, once per
Message-ID when the sender fixed it (a mail job run again after its worker died)."""

import hashlib
import os
import secrets
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend


def _target(folder, message):
    fixed = next((v for k, v in (message.extra_headers or {}).items() if k.lower() == "message-id"), None)
    if fixed:
        return folder / f"{hashlib.sha256(fixed.encode()).hexdigest()[:40]}.eml"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return folder / f"{stamp}-{secrets.token_hex(4)}.eml"


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(current_app.config["OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            # Not an .eml name: a file left by a worker killed mid-write is never read as a mail.
            handle, temporary = tempfile.mkstemp(prefix=".partial-", suffix=".part", dir=folder)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(message.message().as_bytes())
                # link() refuses a name already taken: a message with the same Message-ID is
                # kept once, and a half-written file is never under an .eml name.
                os.link(temporary, _target(folder, message))
                sent += 1
            except FileExistsError:
                current_app.logger.info(
                    "Outbox: %s is there already", message.extra_headers.get("Message-ID")
                )
            finally:
                os.unlink(temporary)
        return sent


def _newest_first(folder):
    paths = [(path.stat().st_mtime_ns, path.name, path) for path in folder.glob("[!.]*.eml")]
    return [path for *_, path in sorted(paths, reverse=True)]


def _sent_at(header):
    """The Date header as a UTC datetime, for the page to write in the reader's language."""
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(str(header)) if header else None
    except (TypeError, ValueError):
        return None
    return when.astimezone(UTC).replace(tzinfo=None) if when and when.tzinfo else when


def outbox_messages(limit=100):
    """The newest messages of the development outbox, parsed, newest first."""
    from email import policy
    from email.parser import BytesParser

    folder = Path(current_app.config["OUTBOX_DIR"])
    if not folder.is_dir():
        return []
    paths = _newest_first(folder)[:limit]
    parser = BytesParser(policy=policy.default)
    messages = []
    for path in paths:
        parsed = parser.parsebytes(path.read_bytes())
        body = parsed.get_body(preferencelist=("plain",))
        messages.append(
            {
                "id": path.stem,
                "to": parsed["To"],
                "subject": parsed["Subject"],
                "date": parsed["Date"],
                "sent_at": _sent_at(parsed["Date"]),
                "body": body.get_content() if body else "",
            }
        )
    return messages


def purge_outbox(now):
    """Delete outbox messages older than OUTBOX_KEEP_DAYS (scheduled daily); returns how many."""
    folder = Path(current_app.config["OUTBOX_DIR"])
    if not folder.is_dir():
        return 0
    cutoff = (now - timedelta(days=current_app.config["OUTBOX_KEEP_DAYS"])).replace(tzinfo=UTC).timestamp()
    # A worker killed while writing leaves its temporary file: never a mail, swept after an hour.
    stale = (now - timedelta(hours=1)).replace(tzinfo=UTC).timestamp()
    removed = 0
    for path in folder.iterdir():
        mtime = path.stat().st_mtime
        old_mail = path.suffix == ".eml" and mtime < cutoff
        if old_mail or (path.name.startswith(".partial-") and mtime < stale):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
