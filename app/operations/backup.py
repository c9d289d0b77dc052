"""Backups of the database and the uploads in one archive that records the schema revision,
and their restore. SQLite is copied with its online backup API (consistent while the site
runs); PostgreSQL with pg_dump/pg_restore in custom format."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text

from app.extensions import db

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
UPLOADS = "uploads"


class BackupError(Exception):
    """A backup or restore refused; the message says why and what to do."""


def database_revision():
    """The Alembic revision the database is at."""
    return db.session.scalar(text("SELECT version_num FROM alembic_version"))


def code_revision():
    """The newest revision the code's migrations know."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(current_app.config["MIGRATIONS_DIR"]))
    return ScriptDirectory.from_config(config).get_current_head()


def _libpq(url):
    """The URL pg_dump understands, and the environment carrying its password."""
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(target):
    """Write the archive `target`; returns its manifest."""
    engine = db.engine
    revision = database_revision()
    db.session.rollback()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if engine.dialect.name == "sqlite":
            dump, kind = work / SQLITE_FILE, "sqlite"
            source = sqlite3.connect(engine.url.database)
            destination = sqlite3.connect(dump)
            try:
                source.backup(destination)
            finally:
                destination.close()
                source.close()
        else:
            dump, kind = work / POSTGRES_FILE, "postgresql"
            url, env = _libpq(engine.url)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(dump), url], env)
        uploads = Path(current_app.config["UPLOAD_DIR"])
        files = sorted(p for p in uploads.rglob("*") if p.is_file()) if uploads.exists() else []
        manifest = {
            "format": FORMAT,
            "database": kind,
            "revision": revision,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "uploads": len(files),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = Path(f"{target}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            archive.add(dump, dump.name)
            for path in files:
                archive.add(path, f"{UPLOADS}/{path.relative_to(uploads).as_posix()}")
        partial.replace(target)  # a crash mid-way never leaves a truncated archive under the name
    return manifest


def read_manifest(source):
    try:
        with tarfile.open(source, "r:gz") as archive:
            return json.load(archive.extractfile(MANIFEST))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{source} is not an Agora backup: {error}") from error


def restore(source, migrate=False):
    """Replace the database and the uploads with the archive's; returns its manifest.
    An archive of another schema revision is refused unless `migrate` (then upgraded after)."""
    manifest = read_manifest(source)
    engine = db.engine
    kind = "sqlite" if engine.dialect.name == "sqlite" else "postgresql"
    if manifest.get("format") != FORMAT or manifest.get("database") != kind:
        raise BackupError(f"This archive holds a {manifest.get('database')} database; this site uses {kind}.")
    head = code_revision()
    if manifest["revision"] != head and not migrate:
        raise BackupError(
            f"The archive is at schema revision {manifest['revision']}, this code at {head}: "
            "restore with --migrate to upgrade it after the restore."
        )
    db.session.remove()
    engine.dispose()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(work, filter="data")
        if kind == "sqlite":
            _restore_sqlite(work / SQLITE_FILE, engine.url.database)
        else:
            _restore_postgres(work / POSTGRES_FILE, work / "restore.sql", engine.url)
        _replace_uploads(work / UPLOADS, Path(current_app.config["UPLOAD_DIR"]))
    engine.dispose()
    if manifest["revision"] != head:
        from flask_migrate import upgrade

        upgrade()
    return manifest


def _restore_sqlite(dump, path):
    # The backup API copies page by page into the live file under its lock: readers see the
    # old database or the new one, never a mix, and the WAL file stays consistent.
    source = sqlite3.connect(dump)
    destination = sqlite3.connect(path)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()


def _restore_postgres(dump, script, engine_url):
    # One transaction drops the schema and loads the archive: a restore that fails half-way
    # leaves the database as it was. Tables the archive lacks (a newer migration's) go too.
    url, env = _libpq(engine_url)
    _run(["pg_restore", "--no-owner", "--no-acl", "--file", str(script) + ".body", str(dump)], env)
    with open(script, "w") as out, open(str(script) + ".body") as body:
        out.write("DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n")
        shutil.copyfileobj(body, out)
    psql = ["psql", "--quiet", "--single-transaction", "--set", "ON_ERROR_STOP=1"]
    _run([*psql, "--file", str(script), url], env)


def _replace_uploads(restored, uploads):
    if uploads.exists():
        shutil.rmtree(uploads)
    if restored.exists():
        shutil.copytree(restored, uploads)
    else:
        uploads.mkdir(parents=True, exist_ok=True)
