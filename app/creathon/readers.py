"""Reading an uploaded outcome file (CSV, XLSX, XLS, JSON) into a header and numbered rows; pure."""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from app.creathon.limits import (
    BoundedLines,
    Limits,
    ReadError,
    check_archive,
    check_json_depth,
    check_row,
    damaged_xlsx,
    row_too_long,
    too_deep_json,
    too_many_blank_lines,
    too_many_rows,
)

DEFAULT_LIMITS = Limits()
MAX_BYTES = DEFAULT_LIMITS.max_bytes
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGIC = b"PK\x03\x04"
# csv.Sniffer's regular expressions take time quadratic in the sample: 16 KB of `,"` took 2 s.
SNIFF_CHARS = 4096


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
    """'csv', 'xlsx', 'xls' or 'json' from the content first, the file name second."""
    name = (filename or "").lower()
    if data.startswith(OLE2_MAGIC):
        return "xls"
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    if name.endswith(".xls"):
        return "xls"
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if name.endswith(".json") or stripped[:1] in (b"[", b"{"):
        return "json"
    if name.endswith((".csv", ".txt", ".tsv")) or not name:
        return "csv"
    raise ReadError(_l("This type of file is not accepted. Upload a CSV, XLSX, XLS or JSON file."))


def read_table(data, filename="", limits=DEFAULT_LIMITS):
    """Parse `data` into a Table; raise ReadError with a clear message for any unusable file,
    or one larger than `limits` allow."""
    if len(data) > limits.max_bytes:
        raise ReadError(
            _l(
                "The file is larger than %(size)s MB. Split it into smaller files.",
                size=limits.max_bytes // 2**20,
            )
        )
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ReadError(_l("The file is empty."))
    if _looks_binary(data) and not data.startswith((ZIP_MAGIC, OLE2_MAGIC, b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(_l("This type of file is not accepted. Upload a CSV, XLSX, XLS or JSON file."))
    kind = detect_format(filename, data)
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "xls": _read_xls, "json": _read_json}[kind]
    table = reader(data, limits)
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
    sample = text[:SNIFF_CHARS]
    if "\n" in sample:
        sample = sample[: sample.rindex("\n")]
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


class _Rows:
    """Header and rows as they are read, with the counts the limits apply to."""

    def __init__(self, limits):
        self.limits = limits
        self.header = None
        self.rows = []
        self.blank = 0

    def add(self, line, cells):
        if not any(cells):
            self.blank += 1
            if self.blank > self.limits.max_rows:
                raise too_many_blank_lines(self.limits)
            return
        check_row(cells, line, self.limits)
        if self.header is None:
            self.header = cells
        elif len(self.rows) >= self.limits.max_rows:
            raise too_many_rows(self.limits)
        else:
            self.rows.append(Row(line, cells))


def _read_csv(data, limits):
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    lines = BoundedLines(text, limits)
    reader = csv.reader(lines, delimiter=delimiter)
    found = _Rows(limits)
    try:
        for values in reader:
            found.add(lines.record_start, [v.strip() for v in values])
            lines.record_done()
    except csv.Error as error:
        raise ReadError(
            _l("Line %(line)s cannot be read as CSV: %(reason)s", line=reader.line_num, reason=str(error))
        ) from error
    return Table(header=found.header or [], rows=found.rows, encoding=encoding, delimiter=delimiter)


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


def _read_xls(data, limits):
    """An Excel 97–2003 workbook (also the envelope of a password-protected .xlsx), read with
    python-calamine: the first sheet, under the same limits as a .xlsx."""
    if b"EncryptedPackage" in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise ReadError(
            _l("This spreadsheet is password-protected. Remove the password, then upload it again.")
        )
    from python_calamine import CalamineWorkbook

    found = _Rows(limits)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        if sheet.width > limits.max_columns:
            # Reported before any row is built: trailing empty columns are counted too.
            check_row(["x"] * sheet.width, 1, limits)
        for line, values in enumerate(sheet.iter_rows(), start=1):
            found.add(line, [_cell_text(v) for v in values])
    except ReadError:
        raise
    except Exception as error:
        # calamine raises its own errors (CalamineError, XmlError…) for any damaged part.
        raise ReadError(
            _l("This XLS file is damaged and cannot be opened. Save it again from your spreadsheet.")
        ) from error
    header = found.header or []
    while header and not header[-1]:
        header.pop()
    return Table(header=header, rows=found.rows)


def _read_xlsx(data, limits):
    check_archive(data, limits)
    import openpyxl

    found = _Rows(limits)
    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for line, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            found.add(line, [_cell_text(v) for v in values])
    except ReadError:
        raise
    except Exception as error:
        # Malformed parts make openpyxl raise almost anything (BadZipFile, KeyError, the XML
        # parser's ParseError, IndexError for a workbook without sheets): all mean "damaged".
        raise damaged_xlsx() from error
    finally:
        if workbook is not None:
            workbook.close()
    header = found.header or []
    while header and not header[-1]:
        header.pop()
    return Table(header=header, rows=found.rows)


def _flatten(value, prefix, out):
    # Decidim exports translated fields as {"title": {"fr": ..}}: columns "title/fr".
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}/{key}" if prefix else str(key), out)
    elif isinstance(value, list):
        out[prefix] = ", ".join(_cell_text(v) for v in value if not isinstance(v, dict | list))
    else:
        out[prefix] = _cell_text(value)


def _read_json(data, limits):
    text, _encoding = decode_text(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError(
            _l("This JSON file is not valid (line %(line)s): %(reason)s", line=error.lineno, reason=error.msg)
        ) from error
    except RecursionError as error:
        raise too_deep_json(limits) from error
    if isinstance(document, dict):
        document = document.get("proposals", document.get("outcomes"))
    if isinstance(document, list) and len(document) > limits.max_rows:
        raise too_many_rows(limits)
    if not isinstance(document, list) or not all(isinstance(item, dict) for item in document):
        raise ReadError(_l('A JSON file must hold a list of objects, or {"proposals": [...]}.'))
    # Before flattening, which recurses: from the list of proposals down, nothing runs deep.
    check_json_depth(document, limits)
    flat = []
    header = {}
    for number, item in enumerate(document, start=1):
        cells = {}
        _flatten(item, "", cells)
        check_row(list(cells.values()), number, limits)
        if sum(len(key) for key in cells) > limits.max_row_chars:
            raise row_too_long(number, limits)
        flat.append(cells)
        for key in cells:
            header.setdefault(key, None)
    columns = list(header)
    if len(columns) > limits.max_columns:
        raise ReadError(
            _l(
                "The objects of this JSON file have more than %(max)s different fields. "
                "Remove the fields the import does not need.",
                max=limits.max_columns,
            )
        )
    rows = [Row(number, [cells.get(c, "") for c in columns]) for number, cells in enumerate(flat, start=1)]
    return Table(header=columns, rows=rows, encoding="utf-8")
