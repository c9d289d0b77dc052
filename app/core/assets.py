"""Static files with hashed names, precompressed (gzip, brotli) and cached for a year, by WhiteNoise.

At start-up the files of `static/` are copied once into `STATIC_BUILD_DIR/<hash of them all>/`,
each under its own name and under `name.<hash>.ext`, with `.gz` and `.br` siblings; a directory
built by another worker for the same files is reused. `url_for("static", filename=...)` then
gives the hashed name, which WhiteNoise serves with `Cache-Control: immutable` for a year: a new
version of a file is a new name, so no visitor keeps an old one. Unhashed names (the images
leaflet.css refers to) keep a short lifetime, `STATIC_MAX_AGE`.
"""

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from whitenoise import WhiteNoise
from whitenoise.compress import Compressor

MANIFEST = "manifest.json"
HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
# Source maps are for developers; they stay out of the served files.
SKIPPED = (".map",)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _sources(root):
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.name.endswith(SKIPPED))


def hashed_name(relative, digest):
    stem, dot, ext = relative.rpartition(".")
    return f"{stem}.{digest}.{ext}" if dot and "/" not in ext else f"{relative}.{digest}"


def build(source, target_root):
    """The built directory for `source` (made if missing) and its manifest {name: hashed name}."""
    source = Path(source)
    files = {path.relative_to(source).as_posix(): _digest(path) for path in _sources(source)}
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    target = Path(target_root) / version
    manifest_path = target / MANIFEST
    if manifest_path.exists():
        return target, json.loads(manifest_path.read_text(encoding="utf-8"))
    Path(target_root).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=target_root))
    manifest = {}
    compressor = Compressor(quiet=True)
    for relative, digest in files.items():
        hashed = hashed_name(relative, digest)
        manifest[relative] = hashed
        original = work / relative
        original.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / relative, original)
        # Compressed once; the hashed name gets copies of the same files.
        made = list(compressor.compress(str(original))) if compressor.should_compress(relative) else []
        shutil.copyfile(original, work / hashed)
        for compressed in made:
            shutil.copyfile(compressed, str(work / hashed) + compressed[len(str(original)) :])
    (work / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    try:
        os.rename(work, target)
    except OSError:
        # Another worker finished the same build first: theirs is identical.
        shutil.rmtree(work, ignore_errors=True)
    return target, manifest


def _add_security_headers(headers, _path, _url):
    headers["X-Content-Type-Options"] = "nosniff"


def init_static(app):
    """Serve static/ through WhiteNoise with hashed names, when STATIC_HASHED is on."""
    if not app.config.get("STATIC_HASHED"):
        return
    build_root = app.config.get("STATIC_BUILD_DIR") or Path(app.config["INSTANCE_DIR"]) / "static-build"
    root, manifest = build(app.static_folder, build_root)
    app.extensions["static_manifest"] = manifest
    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=str(root),
        prefix=app.static_url_path.strip("/") + "/",
        max_age=app.config.get("STATIC_MAX_AGE", 3600),
        immutable_file_test=lambda _path, url: bool(HASHED.search(url)),
        add_headers_function=_add_security_headers,
    )

    @app.url_defaults
    def hashed_static(endpoint, values):
        if endpoint == "static" and values.get("filename") in manifest:
            values["filename"] = manifest[values["filename"]]
