"""District populations: the admin page and `flask districts import --population-property`."""

import json

import pytest

from app.extensions import db as _db
from app.ideas.models import District
from tests.ideas.helpers import district_document, make_districts


@pytest.fixture
def districts(db):
    make_districts()
    db.session.commit()
    return {d.slug: d for d in db.session.query(District)}


def _post(client, district, value):
    return client.post(
        "/dashboard/populations?lang=en", data={"district": district.id, f"d{district.id}-population": value}
    )


def test_admin_sets_and_clears_a_population(client, auth, districts):
    auth.login("admin")
    maarif = districts["maarif"]
    page = client.get("/dashboard/populations?lang=en")
    assert page.status_code == 200 and "Maârif" in page.get_data(as_text=True)
    response = _post(client, maarif, "152 300")
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(District, maarif.id).population == 152_300
    assert _post(client, maarif, "").status_code == 302
    _db.session.expire_all()
    assert _db.session.get(District, maarif.id).population is None


@pytest.mark.parametrize("value", ["-5", "abc", "12.5", "٣٤"])
def test_a_population_that_is_not_a_whole_number_is_refused_and_nothing_changes(
    client, auth, districts, value
):
    auth.login("admin")
    maarif = districts["maarif"]
    maarif.population = 1000
    _db.session.commit()
    response = _post(client, maarif, value)
    assert response.status_code == 400
    assert "whole number of 0 or more" in response.get_data(as_text=True)
    _db.session.expire_all()
    assert _db.session.get(District, maarif.id).population == 1000


def test_the_error_is_translated(client, auth, districts):
    auth.login("admin")
    maarif = districts["maarif"]
    response = client.post(
        "/dashboard/populations?lang=ar", data={"district": maarif.id, f"d{maarif.id}-population": "-1"}
    )
    assert response.status_code == 400
    assert "whole number" not in response.get_data(as_text=True)


def test_an_unknown_district_is_refused(client, auth, districts):
    auth.login("admin")
    assert client.post("/dashboard/populations", data={"district": "999"}).status_code == 400


@pytest.mark.parametrize("role", ["citizen", "moderator"])
def test_only_admins_edit_populations(client, auth, districts, role):
    auth.login(role)
    assert client.get("/dashboard/populations").status_code == 403
    assert _post(client, districts["maarif"], "10").status_code == 403


def _file(tmp_path, populations):
    document = district_document(
        ("anfa", "Anfa", (-7.70, 33.56, -7.64, 33.60)), ("sidi", "Sidi Belyout", (-7.64, 33.56, -7.60, 33.60))
    )
    for feature, population in zip(document["features"], populations, strict=True):
        if population is not None:
            feature["properties"]["habitants"] = population
    path = tmp_path / "districts.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_import_reads_populations_from_the_named_property(runner, db, tmp_path):
    result = runner.invoke(
        args=[
            "districts",
            "import",
            _file(tmp_path, [95_000, "42 000"]),
            "--population-property",
            "habitants",
        ]
    )
    assert result.exit_code == 0, result.output
    found = {d.slug: d.population for d in db.session.query(District)}
    assert found == {"anfa": 95_000, "sidi": 42_000}
    # A later import without the figure keeps the population known.
    result = runner.invoke(
        args=["districts", "import", _file(tmp_path, [None, 43_000]), "--population-property", "habitants"]
    )
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert {d.slug: d.population for d in db.session.query(District)} == {"anfa": 95_000, "sidi": 43_000}


def test_import_with_a_bad_population_imports_nothing(runner, db, tmp_path):
    result = runner.invoke(
        args=["districts", "import", _file(tmp_path, [95_000, -3]), "--population-property", "habitants"]
    )
    assert result.exit_code != 0
    assert "habitants" in result.output and "whole number" in result.output
    assert db.session.query(District).count() == 0
