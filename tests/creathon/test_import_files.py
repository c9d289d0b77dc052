"""Files an import writes and sends: no copy left behind by a failed write, and the error
report's exact headers."""

import io
import re
from pathlib import Path

import pytest
from flask import current_app

from app.creathon import importer, storage
from app.creathon.mapping import guess_mapping
from app.creathon.models import ImportRecord
from app.creathon.readers import read_table
from app.geometry.polygons import service_area
from tests.creathon import files
from tests.creathon.test_importer import filed_under_first


def _stored(app):
    folder = app.config["UPLOAD_DIR"] / "imports"
    return (
        sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        if folder.is_dir()
        else []
    )


@pytest.fixture
def full_disk(monkeypatch):
    """Writes stop half-way with ENOSPC, as on a full disk."""
    write = Path.write_bytes

    def half_then_fail(self, data):
        write(self, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", half_then_fail)


def test_error_report_sends_its_charset_once(client, auth, db, event):
    auth.login(role="facilitator")
    data = b"titre;lat;lng\nAbri;nord;-7.5\n"
    upload = client.post(
        "/events/creathon-test/import",
        data={"file": (io.BytesIO(data), "p.csv")},
        content_type="multipart/form-data",
    )
    token = re.search(r"/import/([A-Za-z0-9_-]+)", upload.headers["Location"]).group(1)
    report = client.get(f"/events/creathon-test/import/{token}/errors.csv?title=0&latitude=1&longitude=2")
    assert report.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert report.headers["Content-Disposition"] == 'attachment; filename="p-errors.csv"'


def test_an_import_whose_file_cannot_be_kept_leaves_no_partial_copy(db, event, app, full_disk):
    data = files.excel_french_csv()
    table = read_table(data, "p.csv")
    with pytest.raises(OSError):
        importer.import_rows(
            event,
            table.rows,
            guess_mapping(table.header),
            filename="p.csv",
            data=data,
            area=service_area(current_app.config),
            options=filed_under_first(),
        )
    db.session.rollback()
    assert _stored(app) == []
    assert db.session.scalar(db.select(db.func.count(ImportRecord.id))) == 0


def test_an_upload_that_cannot_be_kept_leaves_no_partial_file(app, full_disk):
    with pytest.raises(OSError):
        storage.save_pending(files.excel_french_csv(), "p.csv", 1, 1)
    assert _stored(app) == []
