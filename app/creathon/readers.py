"""Reading an uploaded outcome file (CSV, XLSX, JSON) into a header and numbered rows; pure."""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
FORMATS = ("csv", "xlsx", "json")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"


class ReadError(Exception):
    """The file cannot be read at all; `message` is translated and says what to do."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Row:
    line: int
    values: list


@dataclass
class Table:
    header: list
    rows: list = field(default_factory=list)
    format: str = "csv"
    encoding: str | None = None
    delimiter: str | None = None


def detect_format(filename, data):
    """'csv', 'xlsx' or 'json' from the content first, the file name second."""
    name = (filename or "").lower()
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE2_MAGIC):
        return "xlsx"
    if name.endswith((".xlsx", ".xlsm", ".xls")):
        return "xlsx"
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if name.endswith(".json") or stripped[:1] in (b"[", b"{"):
        return "json"
    if name.endswith((".csv", ".txt", ".tsv")) or not name:
        return "csv"
    raise ReadError(_l("This type of file is not accepted. Upload a CSV, XLSX or JSON file."))


def read_table(data, filename="", max_bytes=MAX_BYTES, max_rows=MAX_ROWS):
    """Parse `data` into a Table; raise ReadError with a clear message for any unusable file."""
    if len(data) > max_bytes:
        raise ReadError(
            _l("The file is larger than %(size)s MB. Split it into smaller files.", size=max_bytes // 2**20)
        )
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ReadError(_l("The file is empty."))
    if _looks_binary(data) and not data.startswith((ZIP_MAGIC, OLE2_MAGIC, b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(_l("This type of file is not accepted. Upload a CSV, XLSX or JSON file."))
    kind = detect_format(filename, data)
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[kind]
    table = reader(data, max_rows)
    table.format = kind
    table.header = [str(h).strip() for h in table.header]
    if not any(table.header):
        raise ReadError(_l("The first line must name the columns (for example: title, description)."))
    if not table.rows:
        raise ReadError(_l("The file has column names but no rows."))
    return table


def _looks_binary(data):
    sample = data[:4096]
    return b"\x00" in sample


def _too_many_rows(max_rows):
    return ReadError(
        _l("The file has more than %(max)s rows. Split it into smaller files.", max=f"{max_rows:,}")
    )


def decode_text(data):
    """(text, encoding): UTF-8 with or without BOM, else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text):
    """The separator of a CSV text: csv.Sniffer on a sample, checked against the first lines."""
    sample = text[:16384]
    head = "\n".join([line for line in sample.splitlines() if line.strip()][:5])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = None
    # Column names rarely hold a separator they do not use; a banner line may hold none.
    if delimiter is None or head.count(delimiter) == 0:
        counts = {d: head.count(d) for d in (";", ",", "\t")}
        best = max(counts, key=counts.get)
        delimiter = best if counts[best] else ","
    return delimiter


def _read_csv(data, max_rows):
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header, rows, previous_end = None, [], 0
    try:
        for values in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            if header is None:
                header = values
                continue
            if len(rows) >= max_rows:
                raise _too_many_rows(max_rows)
            rows.append(Row(line, [v.strip() for v in values]))
    except csv.Error as error:
        raise ReadError(
            _l("Line %(line)s cannot be read as CSV: %(reason)s", line=reader.line_num, reason=str(error))
        ) from error
    return Table(header=header or [], rows=rows, encoding=encoding, delimiter=delimiter)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(data, max_rows):
    if data.startswith(OLE2_MAGIC):
        raise ReadError(
            _l(
                "This spreadsheet is password-protected or in the old .xls format. "
                "Remove the password or save it as .xlsx, then upload it again."
            )
        )
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as error:
        raise ReadError(
            _l("This XLSX file is damaged and cannot be opened. Save it again from your spreadsheet.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        header, rows = None, []
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if header is None:
                header = cells
                continue
            if len(rows) >= max_rows:
                raise _too_many_rows(max_rows)
            rows.append(Row(line, cells))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReadError(
            _l("This XLSX file is damaged and cannot be opened. Save it again from your spreadsheet.")
        ) from error
    finally:
        workbook.close()
    header = header or []
    while header and not header[-1]:
        header.pop()
    return Table(header=header, rows=rows)


def _flatten(value, prefix, out):
    # Decidim exports translated fields as {"title": {"fr": ..}}: columns "title/fr".
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}/{key}" if prefix else str(key), out)
    elif isinstance(value, list):
        out[prefix] = ", ".join(_cell_text(v) for v in value if not isinstance(v, dict | list))
    else:
        out[prefix] = _cell_text(value)


def _read_json(data, max_rows):
    text, _encoding = decode_text(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError(
            _l("This JSON file is not valid (line %(line)s): %(reason)s", line=error.lineno, reason=error.msg)
        ) from error
    if isinstance(document, dict):
        document = document.get("proposals", document.get("outcomes"))
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise ReadError(_l('A JSON file must hold a list of objects, or {"proposals": [...]}.'))
    if len(document) > max_rows:
        raise _too_many_rows(max_rows)
    flat = []
    header = {}
    for item in document:
        cells = {}
        _flatten(item, "", cells)
        flat.append(cells)
        for key in cells:
            header.setdefault(key, None)
    columns = list(header)
    rows = [Row(number, [cells.get(c, "") for c in columns]) for number, cells in enumerate(flat, start=1)]
    return Table(header=columns, rows=rows, encoding="utf-8")
