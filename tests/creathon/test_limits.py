"""Files built to exhaust a worker (zip bombs, deep JSON, endless lines) get a clear message
and change nothing, on the upload page and on the command line."""

import io
import signal
from contextlib import contextmanager

import openpyxl
import pytest

from app.creathon.limits import Limits
from app.creathon.models import ImportRecord, Outcome
from app.creathon.readers import ReadError, Row, read_table
from app.creathon.rows import parse_pair, parse_row
from app.ideas.models import Idea
from tests.creathon import files

TOO_DEEP = "nests lists and objects more than 20 levels deep"


@contextmanager
def deadline(seconds):
    """Fail instead of hanging: the cases below took minutes to hours before their limits."""

    def stop(*_args):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def no_openpyxl(monkeypatch):
    """The archive must be refused from its zip directory, before openpyxl parses anything."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to parse the file")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def _refused(data, name, limits=None):
    with pytest.raises(ReadError) as error:
        read_table(data, name, limits) if limits else read_table(data, name)
    return str(error.value.message)


def _upload(client, data, name):
    return client.post(
        "/events/creathon-test/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def _nothing_written(app, db):
    db.session.expire_all()
    pending = app.config["UPLOAD_DIR"] / "imports" / "pending"
    assert not pending.is_dir() or list(pending.iterdir()) == []
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Outcome.id))) == 0
    assert db.session.scalar(db.select(db.func.count(ImportRecord.id))) == 0


# XLSX zip bombs


def test_a_zip_bomb_is_refused_from_its_directory_before_parsing(app, no_openpyxl):
    bomb = files.xlsx_bomb(8)  # 8 MB of blanks, packed into a few kilobytes
    assert len(bomb) < 100_000
    message = _refused(bomb, "outcomes.xlsx")
    assert "holds a part that unpacks to more than 100 times its size" in message


def test_a_spreadsheet_unpacking_to_more_than_the_limit_is_refused(app, no_openpyxl):
    limits = Limits(max_unpacked_bytes=4 * 2**20, max_zip_ratio=10**6)
    message = _refused(files.xlsx_bomb(8), "outcomes.xlsx", limits)
    assert message == "This XLSX file unpacks to more than 4 MB. Split it into smaller files."


def test_zip_bomb_upload_gets_a_clear_message_and_imports_nothing(client, auth, db, event, app, no_openpyxl):
    auth.login(role="facilitator")
    response = _upload(client, files.xlsx_bomb(64), "outcomes.xlsx")
    assert response.status_code == 200
    assert "unpacks to more than 100 times its size" in response.get_data(as_text=True)
    _nothing_written(app, db)


def test_zip_bomb_on_the_command_line_exits_1_and_writes_nothing(
    runner, db, event, app, tmp_path, no_openpyxl
):
    db.session.commit()
    path = tmp_path / "outcomes.xlsx"
    path.write_bytes(files.xlsx_bomb(64))
    result = runner.invoke(args=["creathon", "import", str(path), "--event", "creathon-test"])
    assert result.exit_code == 1
    assert "unpacks to more than 100 times its size" in result.output
    _nothing_written(app, db)


def test_an_ordinary_spreadsheet_passes_the_archive_check(app):
    assert len(read_table(files.xlsx_file(), "outcomes.xlsx").rows) == 2


def test_a_sheet_with_broken_xml_is_reported_as_damaged(app):
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row>'
    assert "damaged" in _refused(files.xlsx_with_sheet(sheet), "outcomes.xlsx")


def test_a_spreadsheet_with_too_many_columns_is_refused(app):
    data = files.xlsx_file(header=[f"Column {n}" for n in range(250)], rows=[["Abri"]])
    message = _refused(data, "wide.xlsx")
    assert message.startswith("Line 1 has more than 200 columns.")


def test_a_spreadsheet_row_longer_than_a_row_may_be_is_refused(app):
    # A cell holds at most 32,767 characters: four of them make a row too long.
    data = files.xlsx_file(header=["Title", "A", "B", "C", "D"], rows=[["Abri"] + ["x" * 30_000] * 4])
    assert _refused(data, "long.xlsx").startswith("Line 2 is longer than 100,000 characters.")


def test_a_spreadsheet_with_rows_far_down_counts_the_empty_rows_between(app):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Title"])
    workbook.active.append(["Abri"])
    workbook.active.cell(row=30_000, column=1, value="Banc")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "more than 10,000 empty lines" in _refused(buffer.getvalue(), "far.xlsx")


# Deeply nested JSON


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_deeply_nested_json_is_refused(app, depth):
    assert TOO_DEEP in _refused(files.nested_json(depth), "export.json")


def test_json_nested_as_deep_as_allowed_is_read(app):
    # Counted from the list of proposals: the list, a proposal, then the nested lists.
    table = read_table(files.nested_json(18), "export.json")
    assert table.rows[0].values[table.header.index("title")] == "Abri"
    assert TOO_DEEP in _refused(files.nested_json(19), "export.json")


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_deeply_nested_json_upload_gets_a_clear_message(client, auth, db, event, app, depth):
    auth.login(role="facilitator")
    response = _upload(client, files.nested_json(depth), "export.json")
    assert response.status_code == 200
    assert TOO_DEEP in response.get_data(as_text=True)
    _nothing_written(app, db)


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_deeply_nested_json_on_the_command_line_exits_1(runner, db, event, app, tmp_path, depth):
    db.session.commit()
    path = tmp_path / "export.json"
    path.write_bytes(files.nested_json(depth))
    result = runner.invoke(args=["creathon", "import", str(path), "--event", "creathon-test"])
    assert result.exit_code == 1
    assert TOO_DEEP in result.output
    _nothing_written(app, db)


def test_json_objects_with_too_many_fields_are_refused(app):
    data = ('[{"title": "Abri", ' + ", ".join(f'"f{n}": 1' for n in range(250)) + "}]").encode()
    assert "more than 200 columns" in _refused(data, "wide.json")


# CSV lines, fields and columns


def test_a_csv_line_longer_than_a_row_may_be_is_refused_with_a_translated_message(app):
    data = b"titre\n" + b"x" * 200_000 + b"\n"
    assert _refused(data, "long.csv") == (
        "Line 2 is longer than 100,000 characters. Shorten it and upload the file again."
    )


def test_a_quoted_cell_running_over_many_lines_is_refused_where_it_starts(app):
    data = b'titre;description\nAbri;ok\nBanc;"' + b"une ligne de texte\n" * 10_000 + b'"\n'
    assert _refused(data, "long.csv").startswith("Line 3 is longer than 100,000 characters.")


def test_a_quote_never_closed_in_a_large_file_is_refused(app):
    data = b'titre;description\nAbri;"' + b"x;y;z\n" * 200_000
    with deadline(10):
        assert _refused(data, "open.csv").startswith("Line 2 is longer than 100,000 characters.")


def test_a_csv_with_too_many_columns_is_refused(app):
    data = ("titre;" + ";".join(f"c{n}" for n in range(300)) + "\nAbri\n").encode()
    assert _refused(data, "wide.csv").startswith("Line 1 has more than 200 columns.")


def test_trailing_empty_columns_do_not_count(app):
    data = ("titre;équipe" + ";" * 500 + "\nAbri;A" + ";" * 500 + "\n").encode()
    assert read_table(data, "excel.csv").rows[0].values[:2] == ["Abri", "A"]


def test_a_file_of_empty_lines_is_refused_without_reading_them_all(app):
    data = b"titre\nAbri\n" + b"\n" * (9 * 2**20)
    assert "more than 10,000 empty lines" in _refused(data, "blank.csv")


def test_limits_come_from_the_settings(client, auth, db, event, app):
    app.config["CREATHON_MAX_COLUMNS"] = 3
    auth.login(role="facilitator")
    response = _upload(client, b"titre;a;b;c\nAbri;1;2;3\n", "wide.csv")
    assert "Line 1 has more than 3 columns." in response.get_data(as_text=True)
    _nothing_written(app, db)


def test_the_delimiter_is_guessed_from_a_short_sample(app, monkeypatch):
    # csv.Sniffer takes time quadratic in its sample: 16 KB of `,"` took two seconds.
    import csv

    seen = []
    sniff = csv.Sniffer.sniff
    monkeypatch.setattr(
        csv.Sniffer, "sniff", lambda self, sample, **kw: seen.append(len(sample)) or sniff(self, sample, **kw)
    )
    read_table(("titre,équipe\n" + 'Abri,",",\n' * 5000).encode(), "quotes.csv")
    assert seen and max(seen) <= 4096


# Cells that are read by regular expressions


@pytest.mark.parametrize("cell", ["1" + " " * 5_000 + "x", "1" + " " * 2_000 + "," + " " * 2_000 + "x"])
def test_long_blank_runs_in_a_coordinate_cell_are_refused_at_once(app, cell):
    with deadline(5):
        assert parse_pair(cell) is None
        parsed = parse_row(Row(2, ["Abri", cell, cell]), {"title": 0, "coordinates": 1, "rank": 2})
    messages = [str(m) for m in parsed.errors]
    assert any(m.startswith("“1") and "is not a pair of coordinates" in m for m in messages)
    assert all(len(m) < 200 for m in messages)  # the cell is quoted cut short
    assert any("is not a whole number from 1" in m for m in messages)


def test_coordinates_with_tabs_and_line_breaks_still_read(app):
    assert parse_pair("33.5731,\t\n -7.5898") == (33.5731, -7.5898)


def test_json_field_names_count_towards_the_length_of_a_proposal(app):
    data = ('[{"title": "Abri", "' + "k" * 100_001 + '": 1}]').encode()
    assert _refused(data, "names.json").startswith("Line 1 is longer than 100,000 characters.")
