"""Bounds on what an uploaded outcome file may hold, checked before and while it is read; pure."""

import io
import zipfile
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# Parts smaller than this cannot hold a worker for long, however tightly they are packed.
_RATIO_GRACE_BYTES = 1024 * 1024


class ReadError(Exception):
    """The file cannot be read at all; `message` is translated and says what to do."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 10_000
    max_columns: int = 200
    # Below the csv module's field limit (131,072), so that a CSV row is refused by this check.
    max_row_chars: int = 100_000
    max_unpacked_bytes: int = 50 * 1024 * 1024
    max_zip_ratio: int = 100
    max_json_depth: int = 20

    @classmethod
    def from_config(cls, config):
        return cls(
            max_rows=config["CREATHON_MAX_ROWS"],
            max_columns=config["CREATHON_MAX_COLUMNS"],
            max_row_chars=config["CREATHON_MAX_ROW_CHARS"],
            max_unpacked_bytes=config["CREATHON_MAX_UNPACKED_MB"] * 1024 * 1024,
            max_zip_ratio=config["CREATHON_MAX_ZIP_RATIO"],
            max_json_depth=config["CREATHON_MAX_JSON_DEPTH"],
        )


def damaged_xlsx():
    return ReadError(
        _l("This XLSX file is damaged and cannot be opened. Save it again from your spreadsheet.")
    )


def too_many_rows(limits):
    return ReadError(
        _l("The file has more than %(max)s rows. Split it into smaller files.", max=f"{limits.max_rows:,}")
    )


def too_many_blank_lines(limits):
    return ReadError(
        _l(
            "The file has more than %(max)s empty lines. Remove them and upload the file again.",
            max=f"{limits.max_rows:,}",
        )
    )


def row_too_long(line, limits):
    return ReadError(
        _l(
            "Line %(line)s is longer than %(max)s characters. Shorten it and upload the file again.",
            line=line,
            max=f"{limits.max_row_chars:,}",
        )
    )


def check_archive(data, limits):
    """Refuse an XLSX whose parts would unpack to too much, from the sizes its zip directory
    declares (zipfile never unpacks more than they say), before any part is parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise damaged_xlsx() from error
    for entry in entries:
        packed = max(entry.compress_size, 1)
        if entry.file_size > _RATIO_GRACE_BYTES and entry.file_size > limits.max_zip_ratio * packed:
            raise ReadError(
                _l(
                    "This XLSX file holds a part that unpacks to more than %(ratio)s times its size, "
                    "which a spreadsheet does not do. Save it again from your spreadsheet.",
                    ratio=limits.max_zip_ratio,
                )
            )
    if sum(entry.file_size for entry in entries) > limits.max_unpacked_bytes:
        raise ReadError(
            _l(
                "This XLSX file unpacks to more than %(size)s MB. Split it into smaller files.",
                size=limits.max_unpacked_bytes // 2**20,
            )
        )


def check_row(values, line, limits):
    """Refuse a row with more columns or characters than a proposal needs."""
    width = len(values)
    while width and not values[width - 1]:
        width -= 1
    if width > limits.max_columns:
        raise ReadError(
            _l(
                "Line %(line)s has more than %(max)s columns. Remove the columns the import does not need.",
                line=line,
                max=limits.max_columns,
            )
        )
    if sum(len(value) for value in values) > limits.max_row_chars:
        raise row_too_long(line, limits)


class BoundedLines:
    """The lines of a CSV text for csv.reader, refusing a record (one line, or several inside
    quotes) longer than the limit before the csv module builds it."""

    def __init__(self, text, limits):
        self._lines = io.StringIO(text, newline="")
        self._limits = limits
        self._chars = 0
        self._read = 0
        self.record_start = 1

    def __iter__(self):
        return self

    def __next__(self):
        line = next(self._lines)
        self._read += 1
        self._chars += len(line)
        if self._chars > self._limits.max_row_chars:
            raise row_too_long(self.record_start, self._limits)
        return line

    def record_done(self):
        self._chars = 0
        self.record_start = self._read + 1


def check_json_depth(document, limits):
    """Refuse nesting deeper than a proposals file needs; walks the document level by level,
    without recursion."""
    level = [document] if isinstance(document, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limits.max_json_depth:
            raise too_deep_json(limits)
        below = []
        for container in level:
            values = container.values() if isinstance(container, dict) else container
            below.extend(value for value in values if isinstance(value, dict | list))
        level = below


def too_deep_json(limits):
    return ReadError(
        _l(
            "This JSON file nests lists and objects more than %(max)s levels deep; "
            "a file of proposals needs only a few. Export it again.",
            max=limits.max_json_depth,
        )
    )
