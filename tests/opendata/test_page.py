"""The /open-data page: every dataset, its fields, licence, size and last change, in three languages."""

import pytest


@pytest.mark.parametrize(
    ("lang", "heading"), [("fr", "Données ouvertes"), ("ar", "البيانات المفتوحة"), ("en", "Open data")]
)
def test_page_lists_every_dataset_with_its_downloads(client, city, lang, heading):
    page = client.get(f"/open-data?lang={lang}").data.decode()
    assert f"<h1>{heading}</h1>" in page
    for name, formats in (
        ("ideas", ("geojson", "csv")),
        ("districts", ("geojson", "csv")),
        ("events", ("geojson", "csv")),
        ("outcomes", ("geojson", "csv")),
        ("moderation", ("csv",)),
    ):
        for fmt in formats:
            assert f'href="/open-data/{name}.{fmt}"' in page
    assert '<code dir="ltr">linked_outcomes</code>' in page
    assert 'href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">ODbL-1.0</a>' in page


def test_page_shows_record_counts_and_the_configured_licence(app, client, city):
    app.config.update(
        OPEN_DATA_LICENCE="CC-BY-4.0", OPEN_DATA_LICENCE_URL="https://creativecommons.org/licenses/by/4.0/"
    )
    page = client.get("/open-data?lang=en").data.decode()
    assert ">CC-BY-4.0</a>" in page
    assert "<dt>Records</dt><dd>3</dd>" in page  # published ideas
    assert '<code dir="ltr">author</code>' not in page
