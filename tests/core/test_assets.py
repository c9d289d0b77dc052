"""Static files through WhiteNoise: hashed names in every page, compressed answers cached for a
year, the unhashed names for an hour, and the pages' own security headers unchanged."""

import gzip
import re
from pathlib import Path

import brotli
import pytest

from app.core.assets import build, hashed_name

STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory):
    # One build for the whole session, as the workers of one release share one.
    return tmp_path_factory.mktemp("static-build")


@pytest.fixture
def app_config(app_config, build_dir):
    return type("HashedConfig", (app_config,), {"STATIC_HASHED": True, "STATIC_BUILD_DIR": build_dir})


def _assets(page):
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', page)


def test_pages_name_static_files_by_their_content(client, db):
    page = client.get("/map?lang=fr").get_data(as_text=True)
    assets = _assets(page)
    assert "/static/vendor/leaflet/leaflet.js" not in page and "/static/js/map.js" not in page
    assert any(re.fullmatch(r"/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.js", url) for url in assets)
    assert any(re.fullmatch(r"/static/js/map\.[0-9a-f]{12}\.js", url) for url in assets)
    assert all(re.search(r"\.[0-9a-f]{12}\.(css|js|svg)$", url) for url in assets), assets


def test_a_hashed_file_is_sent_compressed_and_kept_for_a_year(client, db):
    page = client.get("/map?lang=fr").get_data(as_text=True)
    [leaflet] = [url for url in _assets(page) if "leaflet/leaflet." in url and url.endswith(".js")]
    original = (STATIC / "vendor" / "leaflet" / "leaflet.js").read_bytes()

    as_br = client.get(leaflet, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert as_br.status_code == 200 and as_br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(as_br.data) == original
    assert len(as_br.data) < len(original) / 3
    assert (
        "immutable" in as_br.headers["Cache-Control"]
        and "max-age=315360000" in as_br.headers["Cache-Control"]
    )
    assert as_br.headers["X-Content-Type-Options"] == "nosniff"
    assert "Accept-Encoding" in as_br.headers["Vary"]

    as_gzip = client.get(leaflet, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip" and gzip.decompress(as_gzip.data) == original
    plain = client.get(leaflet)
    assert "Content-Encoding" not in plain.headers and plain.data == original


def test_unhashed_names_still_work_with_a_short_lifetime(client):
    # leaflet.css names its images without a hash.
    response = client.get("/static/vendor/leaflet/images/layers.png")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=3600, public"
    assert client.get("/static/nothing-here.css").status_code == 404


def test_pages_keep_their_content_security_policy(client, db):
    response = client.get("/map?lang=ar")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "object-src 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_changed_file_gets_a_new_name_and_an_unchanged_build_is_reused(tmp_path):
    source = tmp_path / "static"
    (source / "css").mkdir(parents=True)
    (source / "css" / "site.css").write_text("body { color: black; }\n" * 50)
    target = tmp_path / "built"
    first, manifest = build(source, target)
    again, same = build(source, target)
    assert again == first and same == manifest
    assert Path(f"{first / manifest['css/site.css']}.gz").exists()
    (source / "css" / "site.css").write_text("body { color: navy; }\n" * 50)
    changed, renamed = build(source, target)
    assert changed != first and renamed["css/site.css"] != manifest["css/site.css"]


def test_hashed_names_keep_the_extension():
    assert (
        hashed_name("vendor/leaflet/leaflet.js", "0123456789ab") == "vendor/leaflet/leaflet.0123456789ab.js"
    )
    assert hashed_name("img/favicon.svg", "0123456789ab") == "img/favicon.0123456789ab.svg"
