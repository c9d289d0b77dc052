"""Dataset rows written out as streamed CSV (UTF-8 with BOM, inert formulas) or GeoJSON."""

import csv
import io
import json

BOM = "\ufeff"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 500


def inert(value):
    """A text cell that a spreadsheet shows as text: formula starts get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _timestamp(value):
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


def _day(value):
    return None if value is None else value.isoformat()


def _text_cell(value):
    return "" if value is None else inert(value)


def _boolean_cell(value):
    return "" if value is None else ("true" if value else "false")


def _plain(value):
    # Numbers stay numbers (a longitude of -7.6 is not a formula); None is an empty cell.
    return "" if value is None else value


CSV_CELLS = {"string": _text_cell, "boolean": _boolean_cell, "datetime": lambda v: _timestamp(v) or ""}
CSV_CELLS["date"] = lambda v: _day(v) or ""
JSON_VALUES = {"datetime": _timestamp, "date": _day}


def csv_chunks(fields, rows):
    """The CSV text in chunks of CHUNK_ROWS rows, the header after a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([f.name for f in fields])
    cells = [(f.name, CSV_CELLS.get(f.type, _plain)) for f in fields]
    pending = 0
    for row in rows:
        writer.writerow([cell(row.get(name)) for name, cell in cells])
        pending += 1
        if pending >= CHUNK_ROWS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()


def _geometry_text(row):
    # Districts carry their boundary as GeoJSON text already; points are built from lng/lat.
    if row.get("_geometry") is not None:
        return row["_geometry"]
    lng, lat = row.get("_lng"), row.get("_lat")
    if lng is None or lat is None:
        return "null"
    return json.dumps({"type": "Point", "coordinates": [round(lng, 6), round(lat, 6)]})


def geojson_chunks(fields, rows):
    """One RFC 7946 FeatureCollection (longitude first), written feature by feature."""
    yield '{"type":"FeatureCollection","features":['
    converted = [(f.name, JSON_VALUES[f.type]) for f in fields if f.type in JSON_VALUES]
    names = [f.name for f in fields]
    parts = []
    first = True
    for row in rows:
        properties = {name: row.get(name) for name in names}
        for name, convert in converted:
            properties[name] = convert(properties[name])
        feature = (
            '{"type":"Feature","id":'
            + json.dumps(row.get("id"))
            + ',"geometry":'
            + _geometry_text(row)
            + ',"properties":'
            + json.dumps(properties, ensure_ascii=False, separators=(",", ":"))
            + "}"
        )
        parts.append(feature if first else "," + feature)
        first = False
        if len(parts) >= CHUNK_ROWS:
            yield "".join(parts)
            parts = []
    parts.append("]}")
    yield "".join(parts)
