"""Development mail backend: every message becomes an .eml file in the outbox folder."""

import secrets
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(current_app.config["OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            path = folder / f"{stamp}-{secrets.token_hex(4)}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(email_messages)


def outbox_messages(limit=100):
    """The newest messages of the development outbox, parsed, newest first."""
    from email import policy
    from email.parser import BytesParser

    folder = Path(current_app.config["OUTBOX_DIR"])
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit]
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
                "body": body.get_content() if body else "",
            }
        )
    return messages
