"""Files of imports: the original kept for download, and uploads waiting between steps."""

import json
import re
import secrets
import time
from pathlib import Path

from flask import current_app

TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
STALE_AFTER = 24 * 3600
_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def _root():
    return Path(current_app.config["UPLOAD_DIR"]) / "imports"


def safe_filename(name):
    """The base name of an uploaded file, without path parts or odd characters."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")
    return cleaned[:200] or "import"


def _extension(name):
    suffix = Path(safe_filename(name)).suffix.lower()
    return suffix if suffix in {".csv", ".xlsx", ".json", ".txt", ".tsv", ".xls"} else ".bin"


def _write_all_or_nothing(files):
    """Write {path: bytes}; when one write fails (a full disk), remove every one of them."""
    try:
        for path, data in files.items():
            path.write_bytes(data)
    except OSError:
        for path in files:
            path.unlink(missing_ok=True)
        raise


def store_import_file(data, filename, digest):
    """Keep the original bytes of an applied import; returns the name to store."""
    name = f"{digest[:16]}-{secrets.token_hex(8)}{_extension(filename)}"
    folder = _root()
    folder.mkdir(parents=True, exist_ok=True)
    _write_all_or_nothing({folder / name: data})
    return name


def import_file_path(stored_name):
    path = _root() / Path(stored_name).name
    return path if path.is_file() else None


def delete_import_file(stored_name):
    path = _root() / Path(stored_name).name
    path.unlink(missing_ok=True)


# Uploads waiting for the mapping and preview steps, keyed by a random token.


def _pending_dir():
    return _root() / "pending"


def save_pending(data, filename, event_id, user_id):
    folder = _pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    clean_stale_pending()
    token = secrets.token_urlsafe(24)
    meta = {"filename": safe_filename(filename), "event_id": event_id, "user_id": user_id}
    _write_all_or_nothing(
        {folder / f"{token}.data": data, folder / f"{token}.json": json.dumps(meta).encode()}
    )
    return token


def load_pending(token, event_id, user_id):
    """(bytes, metadata) of a waiting upload made by this user for this event, or None."""
    if not TOKEN.match(token or ""):
        return None
    folder = _pending_dir()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        data = (folder / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("event_id") != event_id or meta.get("user_id") != user_id:
        return None
    return data, meta


def discard_pending(token, event_id, user_id):
    """Delete a waiting upload, only when this user made it for this event."""
    if load_pending(token, event_id, user_id) is None:
        return
    for suffix in (".data", ".json"):
        (_pending_dir() / f"{token}{suffix}").unlink(missing_ok=True)


def clean_stale_pending(max_age=STALE_AFTER):
    """Remove uploads abandoned between steps for longer than `max_age` seconds."""
    folder = _pending_dir()
    if not folder.is_dir():
        return 0
    limit = time.time() - max_age
    removed = 0
    for path in folder.iterdir():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
