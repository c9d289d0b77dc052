"""Catalogs are complete and fresh; every page speaks fr, ar (right to left) and en."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def _ids(catalog):
    return {message.id for message in catalog if message.id}


def test_messages_pot_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--no-location",
            "--omit-header",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as f:
        extracted = _ids(read_po(f))
    with (ROOT / "translations" / "messages.pot").open("rb") as f:
        committed = _ids(read_po(f))
    missing = sorted(str(m) for m in extracted - committed)
    assert not missing, f"messages.pot is stale, run `make i18n`: {missing[:10]}"


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_catalog_has_every_message_translated(language):
    with (ROOT / "translations" / "messages.pot").open("rb") as f:
        template = _ids(read_po(f))
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(str(message.id))
    assert not problems, f"{language}: empty or fuzzy entries: {problems[:10]}"
    assert not template - _ids(catalog), f"{language} lacks {sorted(map(str, template - _ids(catalog)))[:10]}"


@pytest.mark.parametrize(
    ("language", "direction", "text"),
    [("fr", "ltr", "Proposer une idée"), ("ar", "rtl", "اقترح فكرة"), ("en", "ltr", "Propose an idea")],
)
def test_home_page_in_each_language(client, language, direction, text):
    page = client.get(f"/?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert text in page


def test_lang_parameter_persists_in_the_session(client):
    client.get("/?lang=ar")
    assert 'dir="rtl"' in client.get("/").get_data(as_text=True)


def test_lang_parameter_is_saved_in_the_profile(client, auth, db):
    user = auth.login(language="fr")
    client.get("/?lang=en")
    db.session.refresh(user)
    assert user.language == "en"


def test_profile_language_applies_without_parameter(client, auth):
    auth.login(language="ar")
    assert 'dir="rtl"' in client.get("/").get_data(as_text=True)


def test_accept_language_is_used_for_visitors(client):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in page


def test_unknown_language_falls_back_to_default(client):
    assert '<html lang="fr"' in client.get("/?lang=xx").get_data(as_text=True)


def test_rtl_layout_uses_logical_properties_only():
    css = (ROOT / "static" / "css" / "agora.css").read_text()
    for physical in (
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "text-align: left",
        "text-align: right",
        "float: left",
        "float: right",
    ):
        assert physical not in css


def test_city_name_is_written_in_the_pages_language(client):
    assert "الدار البيضاء" in client.get("/?lang=ar").get_data(as_text=True)
    assert "Casablanca" in client.get("/?lang=fr").get_data(as_text=True)
