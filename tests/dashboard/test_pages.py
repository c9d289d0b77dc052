"""The dashboard page: filters without JavaScript, charts with their tables, CSV downloads,
the direction of Arabic charts, who may open it, and fresh figures."""

import csv
import io
import re

import pytest

from app.extensions import db as _db
from tests.factories import make_idea

BOM = "\ufeff"


@pytest.fixture
def fresh(app):
    app.config["DASHBOARD_MAX_AGE"] = 0


def _csv(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.get_data(as_text=True)
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_dashboard_shows_each_chart_with_its_table_and_csv_link(client, city, fresh):
    html = client.get("/dashboard?period=all").get_data(as_text=True)
    for name in ("months", "categories", "districts", "sources", "languages", "moderation", "creathons"):
        assert f'id="{name}-chart-title"' in html, name
        assert f'<caption id="{name}-caption">' in html, name
        assert f"/dashboard/{name}.csv?period=all" in html, name
    assert html.count("<figure") == html.count("<figcaption>") == 7
    assert 'scope="col"' in html and 'scope="row"' in html
    assert '<form method="get" action="/dashboard"' in html
    # The choropleth is drawn with the districts stored, from Leaflet on this site.
    assert "/static/vendor/leaflet/leaflet.js" in html and "Maârif" in html
    assert "//cdn" not in html and "unpkg" not in html


def test_filters_work_through_a_plain_get(client, city, fresh):
    rows = _csv(client, "/dashboard/categories.csv?period=all&district=maarif")
    by_slug = {row["category"]: row for row in rows}
    # Maârif: a published and a rejected cycle-lane idea, a published shade idea (2025).
    assert (by_slug["pistes"]["received"], by_slug["pistes"]["published"]) == ("2", "1")
    assert (by_slug["ombre"]["received"], by_slug["ombre"]["published"]) == ("1", "1")
    rows = _csv(client, "/dashboard/sources.csv?period=y2026&category=ombre")
    assert {r["source"]: (r["received"], r["supports"]) for r in rows} == {
        "citizen": ("1", "1"),
        "creathon": ("1", "2"),
    }
    page = client.get("/dashboard?period=y2026&category=ombre&district=derb")
    assert page.status_code == 200
    assert re.search(r'<option selected value="ombre"|value="ombre" selected', page.get_data(as_text=True))


def test_district_figures_per_thousand_inhabitants(client, city, fresh):
    rows = {r["district"]: r for r in _csv(client, "/dashboard/districts.csv?period=all")}
    maarif = rows["maarif"]
    assert maarif["population"] == "20000"
    assert (maarif["published"], maarif["supports"]) == ("2", "7")
    assert maarif["published_per_1000"] == "0.1" and maarif["supports_per_1000"] == "0.35"
    assert rows["derb"]["population"] == "" and rows["derb"]["published_per_1000"] == ""


def test_invalid_filter_is_refused_with_a_clear_message_and_the_page(client, city, fresh):
    response = client.get("/dashboard?period=forever&lang=en")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True) or "valid" in response.get_data(
        as_text=True
    )
    assert client.get("/dashboard?colour=red&lang=en").status_code == 400
    assert client.get("/dashboard/categories.csv?district=atlantis").status_code == 400
    assert client.get("/dashboard/nothing.csv").status_code == 404


def test_csv_cells_that_look_like_formulas_stay_text(client, city, fresh, db):
    idea = city["ideas"][5]  # the most supported
    idea.title = '=HYPERLINK("http://evil")'
    db.session.commit()
    rows = _csv(client, "/dashboard/top-ideas.csv?period=all")
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil")'
    assert [int(r["supports"]) for r in rows] == sorted((int(r["supports"]) for r in rows), reverse=True)


def test_arabic_charts_put_month_labels_inside_the_picture(client, city, fresh):
    html = client.get("/dashboard?period=all&lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in html
    chart = html[html.index('id="months-chart-title"') - 400 :]
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', chart).group(1))
    labels = re.findall(r'<text x="([\d.]+)"[^>]*class="chart-label" direction="rtl"[^>]*>([^<]+)<', chart)
    assert labels, "no month label"
    assert any("سبتمبر" in text for _x, text in labels)
    # Right-to-left: labels stand in the right-hand part, their end towards the bars.
    assert all(width / 2 < float(x) < width for x, _text in labels)


def test_transparency_chart_keeps_its_month_labels_in_arabic(client, db):
    from datetime import timedelta

    from app.core.time import utcnow

    # Months without any idea are left out of the chart: give it three months to label.
    for months_ago in (0, 2, 5):
        make_idea(status="pending", created_at=utcnow() - timedelta(days=31 * months_ago))
    db.session.commit()
    html = client.get("/transparency?lang=ar").get_data(as_text=True)
    width = float(
        re.search(r'class="bar-chart"', html) and re.search(r'viewBox="0 0 ([\d.]+) ', html).group(1)
    )
    labels = re.findall(r'<text x="([\d.]+)"[^>]*class="chart-label" direction="rtl"[^>]*>([^<]+)<', html)
    assert len(labels) == 3
    assert all(0 < float(x) < width for x, _text in labels)
    assert "scaleX" not in client.get("/static/css/moderation.css").get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "expected"), [(None, "login"), ("citizen", 403), ("moderator", 200), ("admin", 200)]
)
def test_dashboard_can_be_kept_to_staff(app, client, auth, city, role, expected):
    app.config["DASHBOARD_PUBLIC"] = False
    if role:
        auth.login(role)
    for url in ("/dashboard", "/dashboard/months.csv"):
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and "/login" in response.headers["Location"]
        else:
            assert response.status_code == expected


def test_dashboard_is_public_by_default(client, city):
    assert client.get("/dashboard").status_code == 200
    assert client.get("/dashboard/months.csv").status_code == 200


def test_old_figures_are_recomputed_by_a_job(app, client, city, db):
    app.config["DASHBOARD_MAX_AGE"] = 3600
    total = int(_csv(client, "/dashboard/sources.csv?period=all")[0]["received"])
    client.get("/dashboard")
    make_idea(source="citizen")
    db.session.commit()
    client.get("/dashboard")  # the figures are recent: no new computation
    assert int(_csv(client, "/dashboard/sources.csv?period=all")[0]["received"]) == total
    app.config["DASHBOARD_MAX_AGE"] = 0
    client.get("/dashboard")
    assert int(_csv(client, "/dashboard/sources.csv?period=all")[0]["received"]) == total + 1
    assert (
        _db.session.execute(_db.text("SELECT count(*) FROM jobs WHERE name = 'dashboard_refresh'")).scalar()
        >= 2
    )
