"""City projects in the browser: a moderator turns an accepted idea and a créathon outcome into a
project, adds a milestone with a photo, and the idea's author sees it; axe audits of the pages."""

from datetime import date

import pytest

from app.accounts import services as account_services
from app.extensions import db
from app.moderation import reporting
from app.projects import services
from tests.e2e.scenery import build_city
from tests.projects.conftest import jpeg_bytes

pytestmark = pytest.mark.e2e


def _manager(city):
    account_services.grant_permission(city["moderator"], "manage_projects")
    db.session.commit()
    return city["moderator"]


@pytest.mark.parametrize("javascript", [True, False])
def test_a_moderator_turns_an_idea_and_an_outcome_into_a_project_and_the_author_sees_it(
    app, db, live_url, open_page, tmp_path, javascript
):
    city = build_city()
    manager = _manager(city)
    idea = city["idea"]
    with app.test_request_context("/"):
        reporting.set_public_status(idea, manager, "accepted", "Bonne idée, retenue.")
    db.session.commit()
    outcome = city["event"].outcomes[0]
    page = open_page(manager, javascript=javascript)

    page.goto(f"{live_url}/projects/new?lang=en")
    page.fill("#title_fr", "Bancs et ombre, boulevard")
    page.fill("#title_en", "Benches and shade, boulevard")
    page.fill("#department", "Parks and gardens")
    page.fill("#budget", "250000")
    page.fill("#start_date", "2026-01-10")
    page.fill("#end_date", "2026-09-30")
    page.fill("#place", "33.59, -7.615")
    page.select_option("#status", "works")
    page.click("form.project-form button[type=submit]")
    page.wait_for_load_state()
    assert "The project is created." in page.content()

    for target, number in (("idea", idea.id), ("outcome", outcome.id)):
        page.select_option("#target", target)
        page.fill("#number", str(number))
        page.fill("#answer", "This idea is part of the project.")
        page.click("text=Link to the project")
        page.wait_for_load_state()
        assert "The idea is linked" in page.content()

    photo = tmp_path / "before.jpg"
    photo.write_bytes(jpeg_bytes())
    page.fill("#due_on", "2026-01-15")
    page.fill("#text", "Trees planted along the boulevard.")
    page.select_option("#language", "en")
    page.set_input_files("#photos", str(photo))
    page.select_option("#kind", "before")
    page.click("text=Add the milestone")
    page.wait_for_load_state()
    assert "The milestone is added." in page.content()
    page.fill("#reached-on-1", "2026-01-20")
    page.click("text=Mark as reached")
    page.wait_for_load_state()

    author = open_page(idea.author, javascript=javascript)
    author.goto(f"{live_url}/ideas/{idea.id}?lang=en")
    banner = author.locator(".project-banner")
    assert "Benches and shade, boulevard" in banner.inner_text()
    assert "100" in banner.inner_text() and "Works" in banner.inner_text()
    banner.locator("a").click()
    author.wait_for_load_state()
    assert author.locator("h1").inner_text() == "Benches and shade, boulevard"
    image = author.locator(".before-after img").first
    assert author.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
    assert "Parking libre" in author.content()  # the créathon outcome it answers
    author.goto(f"{live_url}/projects?lang=en")
    if javascript:
        # The project's pin on the map opens a popup linking its page.
        author.locator(".leaflet-marker-icon").first.click()
        assert author.locator(".leaflet-popup-content a").inner_text() == "Benches and shade, boulevard"
    else:
        assert author.locator(".project-list h2 a").inner_text() == "Benches and shade, boulevard"
    author.goto(f"{live_url}/notifications?lang=en")
    assert "Planned" in author.content()
    assert page.problems == [] and author.problems == []


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_project_pages_have_no_serious_accessibility_violation(app, db, live_url, open_page, audit, lang):
    city = build_city()
    manager = _manager(city)
    with app.test_request_context("/"):
        project = services.create_project(
            manager,
            services.ProjectDraft(
                titles={"fr": "Bancs", "ar": "مقاعد", "en": ""},
                descriptions={"fr": "Des bancs à l'ombre.", "ar": "", "en": ""},
                department="Parcs et jardins",
                district_ids=[city["idea"].district_id],
                geometry={"type": "LineString", "coordinates": [[-7.61, 33.59], [-7.612, 33.6]]},
                budget_mad=90_000,
            ),
            "works",
        )
        services.link_idea(project, manager, city["idea"], "Rattachée au projet.")
        services.add_milestone(
            project, manager, date(2026, 1, 5), "Chantier", "fr", upload_dir=app.config["UPLOAD_DIR"]
        )
        services.change_status(project, manager, "delivered", "Les bancs sont installés.")
        # Enough works for a second page of the list.
        for n in range(21):
            services.create_project(
                manager,
                services.ProjectDraft(
                    titles={"fr": f"Trottoir {n}", "ar": "", "en": ""},
                    descriptions={},
                    department="Voirie",
                    geometry={"type": "Point", "coordinates": [-7.6 - n / 1000, 33.59]},
                ),
                "works",
            )
    db.session.commit()
    pages = [
        (None, "/projects"),
        (None, "/projects?status=works"),
        (None, "/projects?status=works&page=2"),
        (None, "/projects?status=works&page=9"),
        (None, f"/projects/{project.id}"),
        (None, "/projects/districts/sidi-belyout"),
        (None, f"/ideas/{city['idea'].id}"),
        (None, "/transparency"),
        (manager, "/projects/new"),
        (manager, f"/projects/{project.id}/manage"),
        (manager, f"/projects/{project.id}/edit"),
    ]
    report, browsers = {}, {}
    for user, path in pages:
        key = user.id if user else None
        page = browsers.setdefault(key, open_page(user))
        sep = "&" if "?" in path else "?"
        page.goto(f"{live_url}{path}{sep}lang={lang}")
        page.wait_for_load_state("networkidle")
        violations = audit(page)
        if violations:
            report[path] = violations
    # The second page lists one project, its map pins every one of the 21 works.
    page = browsers[None]
    page.goto(f"{live_url}/projects?status=works&page=2&lang={lang}")
    assert page.locator(".project-list > li").count() == 1
    assert page.locator(".leaflet-marker-icon").count() == 21
    # The creation form sent back with errors.
    page = browsers[manager.id]
    page.goto(f"{live_url}/projects/new?lang={lang}")
    page.fill("#budget", "beaucoup")
    page.click("form.project-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    if violations := audit(page):
        report["/projects/new (errors)"] = violations
    assert report == {}, "\n".join(f"{path}\n  " + "\n  ".join(v) for path, v in report.items())
    for page in browsers.values():
        assert page.problems == []


def test_the_district_report_prints_on_one_a4_page(app, db, live_url, open_page):
    city = build_city()
    manager = _manager(city)
    from tests.factories import make_idea

    with app.test_request_context("/"):
        for n in range(12):
            make_idea(
                title=f"Idée numéro {n} pour le quartier",
                category=city["category"],
                district=city["idea"].district,
            )
        for n in range(6):
            project = services.create_project(
                manager,
                services.ProjectDraft(
                    titles={"fr": f"Projet {n}", "ar": "", "en": ""},
                    descriptions={},
                    department="Voirie",
                    district_ids=[city["idea"].district_id],
                    budget_mad=10_000 * (n + 1),
                ),
                ("works", "delivered")[n % 2],
            )
        services.link_idea(project, manager, city["idea"], "Rattachée.")
    db.session.commit()
    page = open_page()
    page.goto(f"{live_url}/projects/districts/sidi-belyout?lang=fr")
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page/") == 1
