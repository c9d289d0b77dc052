"""Reading the files facilitators bring: encodings, separators, spreadsheets, JSON, bad files."""

import io
import zipfile

import pytest

from app.creathon.limits import Limits
from app.creathon.readers import ReadError, read_table
from tests.creathon import files


def test_excel_french_csv_with_bom_and_semicolons_is_read(app):
    table = read_table(files.excel_french_csv(), "propositions.csv")
    assert table.delimiter == ";"
    assert table.encoding == "utf-8-sig"
    assert table.header[:2] == ["Identifiant", "Titre"]
    assert table.rows[0].values[4] == "33,5950"
    assert [row.line for row in table.rows] == [2, 3, 4, 5]


def test_latin1_csv_keeps_its_accents(app):
    table = read_table(files.latin1_csv(), "ateliers.csv")
    assert table.encoding in {"cp1252", "latin-1"}
    assert table.delimiter == ","
    assert table.header[3] == "équipe"
    assert table.rows[0].values[0] == "Bancs à l'ombre"


def test_utf8_without_bom_and_comma_separator(app):
    table = read_table("titre,équipe\nAbri,Équipe A\n".encode(), "x.csv")
    assert (table.encoding, table.delimiter) == ("utf-8", ",")
    assert table.rows[0].values == ["Abri", "Équipe A"]


def test_line_numbers_follow_the_file_across_blank_lines_and_multiline_cells(app):
    data = b'titre;description\n\nPremier;"sur\ndeux lignes"\nSecond;court\n'
    table = read_table(data, "x.csv")
    assert [(r.line, r.values[0]) for r in table.rows] == [(3, "Premier"), (5, "Second")]


def test_xlsx_is_read_with_numbers_as_text(app):
    table = read_table(files.xlsx_file(), "outcomes.xlsx")
    assert table.format == "xlsx"
    assert table.rows[0].values[:4] == ["Shaded bus stop", "A shelter with live times", "33.5762", "-7.6328"]
    assert table.rows[0].values[5] == "1"
    assert table.rows[1].line == 3


def test_json_list_and_proposals_object_are_flattened_like_decidim(app):
    for wrapped in (True, False):
        table = read_table(files.json_file(wrapped), "export.json")
        assert "title/fr" in table.header and "body/fr" in table.header
        assert table.rows[0].values[table.header.index("title/fr")] == "Navette vers la gare"


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "empty.csv", "The file is empty."),
        (b"\xef\xbb\xbf\r\n \r\n", "blank.csv", "The file is empty."),
        (b"titre;description\n", "header-only.csv", "no rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", "not accepted"),
        (files.ENCRYPTED_XLSX, "secret.xlsx", "password-protected"),
        (b"PK\x03\x04 this is not really a zip", "broken.xlsx", "damaged"),
        (b'{"title": "x"}', "object.json", "list of objects"),
        (b"[{", "cut.json", "not valid"),
    ],
)
def test_unusable_files_get_a_clear_message(app, data, name, expected):
    with pytest.raises(ReadError) as error:
        read_table(data, name)
    assert expected in str(error.value.message)


def test_zip_that_is_not_a_workbook_is_reported_as_damaged(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match="damaged"):
        read_table(buffer.getvalue(), "outcomes.xlsx")


def test_file_larger_than_the_limit_is_refused(app):
    with pytest.raises(ReadError, match="larger than 10 MB"):
        read_table(b"titre\n" + b"x" * (10 * 1024 * 1024), "big.csv")


def test_more_rows_than_the_limit_are_refused(app):
    data = ("titre\n" + "".join(f"Idée {i}\n" for i in range(10_001))).encode()
    with pytest.raises(ReadError, match="more than 10,000 rows"):
        read_table(data, "many.csv")
    assert len(read_table(data, "many.csv", Limits(max_rows=20_000)).rows) == 10_001


def test_too_many_rows_in_a_spreadsheet_are_refused(app):
    data = files.xlsx_file(rows=[[f"Idea {i}", "", 33.57, -7.59, "", None] for i in range(30)])
    with pytest.raises(ReadError, match="more than 20 rows"):
        read_table(data, "many.xlsx", Limits(max_rows=20))


def test_excel_unicode_text_export_in_utf16_with_tabs_is_read(app):
    data = "Titre\tÉquipe\r\nAbri ombragé\tفريق الطريق\r\n".encode("utf-16")
    table = read_table(data, "export.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0].values == ["Abri ombragé", "فريق الطريق"]


def test_csv_with_a_banner_line_keeps_its_semicolons(app):
    from app.creathon.mapping import find_header

    lines = ["\ufeffCréathon du 20 avril 2018", "", "Titre;Équipe;Latitude;Longitude", "Abri;A;33,57;-7,59"]
    data = ("\r\n".join(lines) + "\r\n").encode()
    table = find_header(read_table(data, "banner.csv"))
    assert table.delimiter == ";"
    assert table.header == ["Titre", "Équipe", "Latitude", "Longitude"]
    assert [(r.line, r.values) for r in table.rows] == [(4, ["Abri", "A", "33,57", "-7,59"])]
