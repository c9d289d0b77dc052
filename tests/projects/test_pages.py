"""Project pages through the client: the list, map and filters, a project's page, the idea's
banner, following, the district report and the transparency figures."""

import io
import re
from datetime import date

from app.core.dates import day
from app.core.time import utcnow
from app.ideas.photos import process_photo
from app.moderation.reporting import set_public_status
from app.projects import queries, services
from tests.projects.conftest import draft, jpeg_bytes


def test_list_filters_by_status_district_and_department_without_javascript(client, db, project, manager):
    other = services.create_project(
        manager,
        draft(titles={"fr": "Piste cyclable", "ar": "", "en": "Cycle lane"}, department="Voirie"),
        "works",
    )
    db.session.commit()
    page = client.get("/projects").get_data(as_text=True)
    assert "Ombre place des Nations" in page and "Piste cyclable" in page
    assert 'class="folium-map"' in page
    page = client.get("/projects?status=works").get_data(as_text=True)
    assert "Piste cyclable" in page and "Ombre place des Nations" not in page
    page = client.get("/projects?district=sidi-belyout").get_data(as_text=True)
    assert "Ombre place des Nations" in page and "Piste cyclable" not in page
    page = client.get("/projects?department=Voirie&lang=en").get_data(as_text=True)
    assert "Cycle lane" in page and "Ombre" not in page
    assert other.id


def test_an_unknown_filter_shows_every_project(client, project):
    response = client.get("/projects?status=nope")
    assert response.status_code == 302 and response.headers["Location"].endswith("/projects")


def test_project_page_shows_missing_languages_as_missing(client, project):
    page = client.get(f"/projects/{project.id}?lang=en").get_data(as_text=True)
    # The title exists in French only: shown in French, marked as such, and never invented.
    assert '<h1 lang="fr" dir="auto">Ombre place des Nations</h1>' in page
    assert "Not available in Arabic." in page and "Not available in English." in page
    assert "The title is not available in English; it is shown as written, in French." in page
    assert "Title in Arabic:" in page.split("Not available in Arabic.")[-2]
    # In French, nothing is said missing about the title.
    page = client.get(f"/projects/{project.id}?lang=fr").get_data(as_text=True)
    assert not page.split("</h1>", 1)[1].lstrip().startswith('<p class="missing">')
    assert '<p class="missing">' in client.get(f"/projects/{project.id}?lang=ar").get_data(as_text=True)
    assert client.get("/projects/999999").status_code == 404
    assert client.get("/projects/99999999999").status_code == 404


def test_linked_idea_page_shows_the_project_at_the_top(client, db, project, manager, city, english):
    services.link_idea(project, manager, city["shade"], "Oui.")
    services.change_status(project, manager, "works", "Chantier.")
    services.set_progress(project, manager, 60)
    db.session.commit()
    page = client.get(f"/ideas/{city['shade'].id}?lang=en").get_data(as_text=True)
    banner = page.split('class="project-banner">', 1)[1].split("</p>", 1)[0]
    assert "Became the city project" in banner and "60" in banner and "Works" in banner
    assert f'href="/projects/{project.id}"' in banner
    assert page.index("project-banner") < page.index("<h1")
    project_page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert city["shade"].title in project_page
    # An idea that is not linked has no banner.
    assert "project-banner" not in client.get(f"/ideas/{city['formula'].id}").get_data(as_text=True)


def test_residents_follow_and_unfollow_a_project(client, db, auth, project):
    resident = auth.login()
    response = client.post(f"/projects/{project.id}/follow", data={"follow": "1"})
    assert response.status_code == 302
    assert queries.is_following(resident.id, project.id)
    client.post(f"/projects/{project.id}/follow", data={"follow": "0"})
    assert not queries.is_following(resident.id, project.id)


def test_visitors_are_asked_to_sign_in_to_follow(client, project):
    assert client.post(f"/projects/{project.id}/follow").status_code == 302
    assert "Sign in to follow" in client.get(f"/projects/{project.id}?lang=en").get_data(as_text=True)


def test_district_report_is_one_printable_page(client, db, project, manager, city, english):
    services.link_idea(project, manager, city["shade"], "Oui.")
    services.change_status(project, manager, "delivered", "Livré.")
    db.session.commit()
    page = client.get("/projects/districts/sidi-belyout?lang=en").get_data(as_text=True)
    assert "What residents asked" in page and "What the city answered" in page
    assert "Planned: 1" in page and "1 project delivered." in page
    assert f"Figures as of {day(utcnow().date())}." in page
    assert 'media="print"' in page
    assert client.get("/projects/districts/nowhere").status_code == 404
    css = client.get("/static/css/print-report.css").get_data(as_text=True)
    assert "size: A4" in css


def test_transparency_shows_ideas_that_became_projects(client, db, project, manager, city, english):
    set_public_status(city["formula"], manager, "accepted", "Retenue.")
    services.link_idea(project, manager, city["shade"], "Oui.")
    db.session.commit()
    page = client.get("/transparency?lang=en").get_data(as_text=True)
    assert "From ideas to city projects" in page
    assert "2 ideas accepted or planned by the city. 1 idea became a city project" in " ".join(page.split())
    assert "/projects/districts/sidi-belyout" in page
    table = page.split('id="projects-figures-caption"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, re.S)
    year = str(utcnow().year)
    assert [c.strip() for c in cells[5:]] == [
        year,
        '<a href="/projects/districts/sidi-belyout">Sidi Belyout</a>',
        "1",
        "1",
        "0",
        year,
        "Outside the mapped districts",
        "1",
        "0",
        "0",
    ]


def test_milestone_photos_are_served_and_unknown_names_are_not(client, db, project, manager, app):
    _m, written = services.add_milestone(
        project,
        manager,
        date(2027, 1, 1),
        "Avant",
        "fr",
        [process_photo(io.BytesIO(jpeg_bytes()))],
        "before",
        upload_dir=app.config["UPLOAD_DIR"],
    )
    db.session.commit()
    response = client.get(f"/projects/photos/{written[0]}")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert client.get("/projects/photos/..%2Fagora.db").status_code == 404
    assert "Before" in client.get(f"/projects/{project.id}?lang=en").get_data(as_text=True)


def test_a_deleted_account_follows_nothing_any_more(client, db, auth, project):
    from app.privacy.services import delete_account

    resident = auth.login()
    client.post(f"/projects/{project.id}/follow", data={"follow": "1"})
    assert queries.follower_ids(project.id) == [resident.id]
    delete_account(resident, keep_ideas=True)
    db.session.commit()
    assert queries.follower_ids(project.id) == []
    assert not queries.is_following(resident.id, project.id)


def _many(db, manager, count, **overrides):
    made = []
    for n in range(count):
        made.append(
            services.create_project(
                manager,
                draft(
                    titles={"fr": f"Chantier numéro {n}", "ar": "", "en": ""},
                    geometry={"type": "Point", "coordinates": [-7.6 + n / 1000, 33.59]},
                    **overrides,
                ),
                "works",
            )
        )
    db.session.commit()
    return made


def _titles(page):
    cards = page.split('class="cards project-list"', 1)[-1].split("</ol>", 1)[0]
    return re.findall(r"Chantier numéro (\d+)", cards)


def test_the_list_is_paginated_keeping_filters_and_the_map_shows_every_match(client, db, project, manager):
    _many(db, manager, queries.PER_PAGE + 5)
    page = client.get("/projects?status=works&lang=en").get_data(as_text=True)
    assert "25 projects" in page
    assert _titles(page) == [str(n) for n in range(24, 4, -1)]
    # The map carries all 25 works, not only the page's 20, and not the project in study.
    assert page.count('"type":"Feature"') == 25 and "Ombre place des Nations" not in page
    next_link = re.search(r'<a rel="next" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert "status=works" in next_link and "page=2" in next_link
    second = client.get(next_link).get_data(as_text=True)
    assert _titles(second) == ["4", "3", "2", "1", "0"]
    assert "Page 2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second
    assert second.count('"type":"Feature"') == 25


def test_a_page_past_the_end_says_so_and_leads_to_the_last_page(client, db, project, manager):
    _many(db, manager, queries.PER_PAGE + 1, department="Voirie")
    response = client.get("/projects?department=Voirie&page=9&lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This page is past the end of the list." in page and "No project matches" not in page
    back = re.search(r'class="past-end">.*?<a href="([^"]+)"', page, re.S).group(1).replace("&amp;", "&")
    assert "department=Voirie" in back and "page=2" in back
    assert _titles(client.get(back).get_data(as_text=True)) == ["0"]
    # Numbers that are not pages: the first page, or past the end; never an error.
    assert "20" in _titles(client.get("/projects?page=abc").get_data(as_text=True))
    assert "20" in _titles(client.get("/projects?page=-3").get_data(as_text=True))
    far = client.get(f"/projects?page={10**30}&lang=fr")
    assert far.status_code == 200 and "Aller à la dernière page" in far.get_data(as_text=True)


def test_a_title_on_the_map_is_text_never_markup(client, db, manager):
    services.create_project(
        manager,
        draft(
            titles={"fr": "</script><script>alert(1)</script>", "ar": "", "en": ""},
            geometry={"type": "Point", "coordinates": [-7.6, 33.59]},
        ),
        "works",
    )
    db.session.commit()
    page = client.get("/projects").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert '"title":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)' in page


def test_the_status_shows_its_public_explanation(client, db, project, manager, english):
    page = client.get(f"/projects/{project.id}?lang=en").get_data(as_text=True)
    assert "status-why" not in page
    services.change_status(project, manager, "works", "Le marché est attribué, le chantier commence.")
    services.change_status(project, manager, "abandoned", "Le terrain n'est plus disponible.")
    db.session.commit()
    page = client.get(f"/projects/{project.id}?lang=en").get_data(as_text=True)
    why = page.split('class="status-why">', 1)[1].split("</span>", 1)[0]
    assert "Since" in why and "Le terrain n&#39;est plus disponible." in why
    # Every explanation stays on the timeline.
    assert "Le marché est attribué, le chantier commence." in page.split('class="timeline"', 1)[1]
