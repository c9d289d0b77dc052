"""Dataset rows written out as streamed CSV (UTF-8 with BOM, inert formulas) or GeoJSON."""

import csv
import io
import json
from datetime import date, datetime

BOM = "\ufeff"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_ROWS = 500


def inert(value):
    """A text cell that a spreadsheet shows as text: formula starts get a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    # Numbers stay numbers (a longitude of -7.6 is not a formula); only text is made inert.
    return inert(value)


def _json_value(value):
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() + "Z"
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_chunks(field_names, rows):
    """The CSV text in chunks of CHUNK_ROWS rows, the header after a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(field_names)
    pending = 0
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in field_names])
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


def geojson_chunks(field_names, rows):
    """One RFC 7946 FeatureCollection (longitude first), written feature by feature."""
    yield '{"type":"FeatureCollection","features":['
    parts = []
    first = True
    for row in rows:
        properties = {name: _json_value(row.get(name)) for name in field_names}
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
