"""Dated, immutable ZIP snapshots of every dataset with their Data Package descriptor."""

import json
import os
import re
import tempfile
import zipfile
from pathlib import Path

from flask import current_app
from flask_babel import force_locale

from app.core.time import utcnow
from app.opendata import datasets
from app.opendata.formats import csv_chunks, geojson_chunks

PREFIX = "agora-open-data-"
# Only finished snapshots have this name: a temporary file never matches, so is never listed.
NAME = re.compile(r"^agora-open-data-\d{8}T\d{6}Z\.zip$")
WRITERS = {datasets.CSV: csv_chunks, datasets.GEOJSON: geojson_chunks}
MEDIATYPES = {datasets.CSV: "text/csv", datasets.GEOJSON: "application/geo+json"}


class SnapshotExists(FileExistsError):
    """A snapshot of that second exists already; snapshots are never overwritten."""


def snapshot_dir():
    config = current_app.config
    return Path(config.get("OPEN_DATA_SNAPSHOT_DIR") or Path(config["INSTANCE_DIR"]) / "open-data")


def _resource(dataset, fmt):
    resource = {
        "name": f"{dataset.name}-{fmt}",
        "path": f"{dataset.name}.{fmt}",
        "title": str(dataset.title),
        "description": str(dataset.description),
        "format": fmt,
        "mediatype": MEDIATYPES[fmt],
        "encoding": "utf-8-sig" if fmt == datasets.CSV else "utf-8",
    }
    if fmt == datasets.CSV:
        resource["profile"] = "tabular-data-resource"
        resource["schema"] = {
            "fields": [
                {"name": f.name, "type": f.type, "description": str(f.meaning)} for f in dataset.fields
            ]
        }
    return resource


def descriptor(created):
    """The Frictionless Data Package descriptor (datapackage.json) of a snapshot."""
    config = current_app.config
    return {
        "profile": "data-package",
        "name": "agora-open-data",
        "title": "Agora open data",
        "created": created.replace(microsecond=0).isoformat() + "Z",
        "licenses": [{"name": config["OPEN_DATA_LICENCE"], "path": config["OPEN_DATA_LICENCE_URL"]}],
        "resources": [_resource(d, fmt) for d in datasets.catalogue() for fmt in d.formats],
    }


def write_snapshot(now=None):
    """Write every dataset and the descriptor to a new ZIP; its path. The ZIP is written under a
    temporary name and renamed when complete, so a failure leaves no snapshot behind."""
    now = now or utcnow()
    folder = snapshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{PREFIX}{now:%Y%m%dT%H%M%S}Z.zip"
    if target.exists():
        raise SnapshotExists(target.name)
    handle, temporary = tempfile.mkstemp(prefix=".partial-", suffix=".zip", dir=folder)
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
            for dataset in datasets.catalogue():
                for fmt in dataset.formats:
                    with archive.open(f"{dataset.name}.{fmt}", "w", force_zip64=True) as member:
                        for chunk in WRITERS[fmt](dataset.fields, datasets.rows_of(dataset.name)):
                            member.write(chunk.encode("utf-8"))
            archive.writestr("datapackage.json", json.dumps(descriptor(now), ensure_ascii=False, indent=2))
        os.chmod(temporary, 0o444)
        # link() fails if the name was taken meanwhile, where rename() would replace it.
        os.link(temporary, target)
    finally:
        os.unlink(temporary)
    return target


def snapshot_files():
    """Finished snapshots, newest first: (name, size in bytes)."""
    folder = snapshot_dir()
    if not folder.is_dir():
        return []
    found = [(p.name, p.stat().st_size) for p in folder.iterdir() if NAME.match(p.name)]
    return sorted(found, reverse=True)


def scheduled_snapshot(now):
    """The daily snapshot (app/__init__.py's timetable), named after its slot: a try run again
    after its worker died finds it written and is done."""
    try:
        # The descriptor's titles and field meanings, in English, as `flask open-data snapshot`.
        with force_locale("en"):
            return write_snapshot(now)
    except SnapshotExists:
        return None
