"""`flask backup` and `flask restore`: one archive brings back every row and every upload."""

import io
import json
import tarfile

import pytest
from flask_migrate import upgrade
from sqlalchemy import select, text

from app import create_app
from app.extensions import db
from app.moderation.reporting import report_idea
from app.moderation.services import hide_idea, log_action
from app.operations.backup import code_revision
from app.votes.services import cast_vote
from tests.conftest import POSTGRES_URL, _config
from tests.factories import make_idea, make_user

pytestmark = pytest.mark.committing


def _city(app):
    moderator = make_user(role="moderator")
    ideas = [make_idea(title=f"Idée {n}", lat=33.55 + n / 100, lng=-7.6 + n / 100) for n in range(4)]
    ideas[0].photo = "a1b2c3.jpg"
    residents = [make_user() for _ in range(5)]
    db.session.commit()
    for n, resident in enumerate(residents):
        for idea in ideas[: n % 4 + 1]:
            cast_vote(resident, idea)
    report_idea(ideas[1], residents[0], "spam", details="Publicité")
    log_action(moderator, "approve", ideas[2])
    db.session.commit()
    db.session.refresh(ideas[3])
    hide_idea(ideas[3], moderator, ideas[3].updated_at, "spam")
    db.session.commit()
    photos = app.config["UPLOAD_DIR"] / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    (photos / "a1b2c3.jpg").write_bytes(b"\xff\xd8\xff photo bytes")
    (app.config["UPLOAD_DIR"] / "imports").mkdir(exist_ok=True)
    (app.config["UPLOAD_DIR"] / "imports" / "outcomes.csv").write_text("titre;lat;lng\n")
    return ideas, residents


def _snapshot():
    tables = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        tables[table.name] = [tuple(row) for row in db.session.execute(select(table).order_by(*order))]
    return tables


def _files(app):
    root = app.config["UPLOAD_DIR"]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_restored_backup_brings_back_every_row_and_upload(app, runner, tmp_path):
    ideas, residents = _city(app)
    before, files = _snapshot(), _files(app)
    archive = tmp_path / "agora-backup.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert f"revision {code_revision()}" in result.output and "2 uploaded files" in result.output

    # Life goes on after the backup: a support, a new idea, a lost photo.
    cast_vote(residents[4], ideas[3 if ideas[3].status == "published" else 1])
    make_idea(title="Après la sauvegarde")
    db.session.commit()
    (app.config["UPLOAD_DIR"] / "photos" / "a1b2c3.jpg").unlink()
    (app.config["UPLOAD_DIR"] / "photos" / "later.jpg").write_bytes(b"later")
    assert _snapshot() != before

    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert _snapshot() == before
    assert _files(app) == files
    verify = runner.invoke(args=["verify"])
    assert verify.exit_code == 0, verify.output


def _rewrite_manifest(archive, target, **changes):
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))


def test_an_archive_of_another_revision_is_refused_and_changes_nothing(app, runner, tmp_path):
    _city(app)
    archive, other = tmp_path / "backup.tar.gz", tmp_path / "other.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    _rewrite_manifest(archive, other, revision="0099")
    before = _snapshot()
    result = runner.invoke(args=["restore", str(other)])
    assert result.exit_code == 1
    assert "revision 0099" in result.output and "--migrate" in result.output
    db.session.remove()
    assert _snapshot() == before


def test_a_file_that_is_not_a_backup_is_refused(runner, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    result = runner.invoke(args=["restore", str(junk)])
    assert result.exit_code == 1 and "is not an Agora backup" in result.output


@pytest.mark.skipif(bool(POSTGRES_URL), reason="builds a second SQLite database at an older revision")
def test_an_older_archive_is_restored_and_upgraded_with_migrate(app, runner, tmp_path):
    old_dir = tmp_path / "old"
    old_dir.mkdir()
    old = create_app(_config(f"sqlite:///{old_dir / 'old.db'}", old_dir))
    archive = tmp_path / "old.tar.gz"
    with old.app_context():
        upgrade(revision="0011")
        assert old.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
        db.engine.dispose()
    assert runner.invoke(args=["restore", str(archive)]).exit_code == 1
    result = runner.invoke(args=["restore", "--migrate", str(archive)])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.scalar(text("SELECT version_num FROM alembic_version")) == code_revision()
    assert db.session.scalar(text("SELECT count(*) FROM jobs")) == 0
