"""What the map page costs a browser, before and after WhiteNoise (app/core/assets.py): the page
and every file it links (stylesheets, scripts, icon), as a first visit and as a repeat visit,
with the Accept-Encoding a browser sends. "Before" is Flask's own static view (no compression,
no lifetime: every repeat visit asks again for each file); "after" is STATIC_HASHED on. Bytes
are bodies plus headers as sent; the ideas themselves (GeoJSON) are not counted.

    .venv/bin/python bench/static_bytes.py
"""

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig  # noqa: E402

BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
LINKED = re.compile(r'<(?:script[^>]+src|link[^>]+href)="(/[^"]+)"')


def _size(response):
    head = f"HTTP/1.1 {response.status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in response.headers.items())
    return len(head.encode()) + 2 + len(response.get_data())


def _cached(response):
    """True when a browser may reuse the file without asking (a lifetime in Cache-Control)."""
    control = response.headers.get("Cache-Control", "")
    match = re.search(r"max-age=(\d+)", control)
    return bool(match and int(match.group(1)) > 0 and "no-cache" not in control)


def measure(hashed, tmp):
    config = type(
        "BenchConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / f'bench-{hashed}.db'}",
            "INSTANCE_DIR": tmp,
            "UPLOAD_DIR": tmp / "uploads",
            "OUTBOX_DIR": tmp / "outbox",
            "SERVER_NAME": None,
            "STATIC_HASHED": hashed,
        },
    )
    app = create_app(config)
    with app.app_context():
        upgrade()
    client = app.test_client()
    page = client.get("/map?lang=fr", headers=BROWSER)
    urls = sorted(set(LINKED.findall(page.get_data(as_text=True))))
    first = {"requests": 1, "bytes": _size(page)}
    repeat = {"requests": 1, "bytes": _size(page)}
    for url in urls:
        response = client.get(url, headers=BROWSER)
        first["requests"] += 1
        first["bytes"] += _size(response)
        if _cached(response):
            continue
        # No lifetime: the browser asks again, with the validators it kept.
        validators = {"If-None-Match": response.headers.get("ETag", "")}
        if response.headers.get("Last-Modified"):
            validators["If-Modified-Since"] = response.headers["Last-Modified"]
        again = client.get(url, headers={**BROWSER, **validators})
        repeat["requests"] += 1
        repeat["bytes"] += _size(again)
    leaflet = next(url for url in urls if "leaflet/leaflet" in url and url.endswith(".js"))
    leaflet_bytes = _size(client.get(leaflet, headers=BROWSER))
    return urls, first, repeat, leaflet_bytes


def main():
    tmp = Path(tempfile.mkdtemp())
    rows = []
    for label, hashed in (("before (Flask static)", False), ("after (WhiteNoise)", True)):
        urls, first, repeat, leaflet = measure(hashed, tmp)
        rows.append((label, len(urls), first, repeat, leaflet))
    print("| map page /map | files linked | first visit | leaflet.js | repeat visit |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, count, first, repeat, leaflet in rows:
        print(
            f"| {label} | {count} | {first['bytes'] / 1024:.1f} KB in {first['requests']} requests"
            f" | {leaflet / 1024:.1f} KB | {repeat['bytes'] / 1024:.1f} KB in {repeat['requests']} requests |"
        )
    before, after = rows[0][2]["bytes"], rows[1][2]["bytes"]
    print(f"first visit: {100 * (1 - after / before):.0f} % fewer bytes")


if __name__ == "__main__":
    main()
