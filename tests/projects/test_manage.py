"""Staff management through the client: who may, and bad input refused with nothing half-saved."""

import io
import os

import pytest

from app.projects.models import Milestone, MilestonePhoto, Project, ProjectChange, ProjectLink
from tests.projects.conftest import jpeg_bytes

FORM = {
    "title_fr": "Trottoirs du boulevard",
    "title_ar": "",
    "title_en": "",
    "description_fr": "Élargir les trottoirs.",
    "department": "Voirie",
    "place": "33.59, -7.615\n33.60, -7.612",
    "budget": "1 200 000",
    "start_date": "2027-01-10",
    "end_date": "2027-06-30",
    "status": "study",
}


def _count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("role", ["citizen", "moderator", "facilitator"])
def test_only_granted_moderators_and_admins_manage_projects(client, auth, role, project):
    auth.login(role=role)
    assert client.get("/projects/new").status_code == 403
    assert client.get(f"/projects/{project.id}/manage").status_code == 403
    assert client.post(f"/projects/{project.id}/status", data={"status": "works"}).status_code == 403


def test_visitors_are_sent_to_sign_in(client, project):
    assert client.get("/projects/new").status_code == 302


def test_admins_and_granted_moderators_create_a_project_with_a_line(client, db, auth, manager, city):
    auth.login_as(manager)
    response = client.post("/projects/new", data={**FORM, "districts": [city["district"].id]})
    assert response.status_code == 302
    project = db.session.scalar(db.select(Project).where(Project.title_fr == FORM["title_fr"]))
    assert project.budget_mad == 1_200_000
    assert '"LineString"' in project.geometry
    assert [d.slug for d in project.districts] == ["sidi-belyout"]
    auth.login(role="admin")
    assert client.get(f"/projects/{project.id}/edit").status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start_date": "2027-06-30", "end_date": "2027-01-10"},
            "The planned end must come after the planned start.",
        ),
        ({"budget": "douze mille"}, "Write the budget as a whole number of dirhams"),
        ({"budget": "-5"}, "Write the budget as a whole number of dirhams"),
        ({"start_date": "31/12/2027"}, "Enter a date as YYYY-MM-DD"),
        ({"title_fr": ""}, "Give the project a title in at least one language."),
        ({"place": "33.5; nord"}, "Write one point per line"),
        ({"status": "bientot"}, "Not a valid choice"),
    ],
)
def test_bad_project_input_is_refused_with_a_clear_error(client, db, auth, manager, changes, message):
    auth.login_as(manager)
    before = _count(db, Project)
    response = client.post("/projects/new?lang=en", data={**FORM, **changes})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count(db, Project) == before


def test_bad_input_is_translated(client, auth, manager):
    auth.login_as(manager)
    page = client.post("/projects/new?lang=ar", data={**FORM, "budget": "abc"}).get_data(as_text=True)
    assert "Write the budget" not in page
    page = client.post("/projects/new?lang=fr", data={**FORM, "end_date": "2026-01-01"}).get_data(
        as_text=True
    )
    assert "The planned end" not in page


def test_linking_an_unpublished_idea_is_refused(client, db, auth, manager, project, city):
    auth.login_as(manager)
    pending = city["hidden"]["pending"]
    response = client.post(
        f"/projects/{project.id}/links?lang=en",
        data={"target": "idea", "number": str(pending.id), "answer": "Non."},
    )
    assert response.status_code == 422
    assert "Only published ideas can be linked" in response.get_data(as_text=True)
    assert _count(db, ProjectLink) == 0
    db.session.refresh(pending)
    assert pending.public_status is None
    response = client.post(
        f"/projects/{project.id}/links?lang=en",
        data={"target": "outcome", "number": "abc", "answer": "x"},
    )
    assert "Write the number only" in response.get_data(as_text=True)


def test_staff_link_an_idea_and_an_outcome(client, db, auth, manager, project, city):
    auth.login_as(manager)
    for target, number in (("idea", city["shade"].id), ("outcome", city["outcome"].id)):
        response = client.post(
            f"/projects/{project.id}/links",
            data={"target": target, "number": str(number), "answer": "Le projet y répond."},
        )
        assert response.status_code == 302
    links = db.session.scalars(db.select(ProjectLink).order_by(ProjectLink.id)).all()
    assert [(link.idea_id, link.outcome_id) for link in links] == [
        (city["shade"].id, None),
        (city["outcome"].idea_id, city["outcome"].id),
    ]


def test_a_milestone_photo_that_is_not_an_image_saves_nothing(client, db, auth, manager, project, app):
    auth.login_as(manager)
    upload_dir = app.config["UPLOAD_DIR"]
    response = client.post(
        f"/projects/{project.id}/milestones?lang=en",
        data={
            "due_on": "2027-02-01",
            "text": "Début",
            "language": "fr",
            "kind": "before",
            "photos": [(io.BytesIO(jpeg_bytes()), "ok.jpg"), (io.BytesIO(b"MZ not a photo"), "virus.jpg")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "not a valid JPEG, PNG or WebP image" in response.get_data(as_text=True)
    assert _count(db, Milestone) == 0 and _count(db, MilestonePhoto) == 0
    assert not upload_dir.exists() or os.listdir(upload_dir) == []


def test_a_photo_refused_with_a_valid_one_is_said_in_arabic_and_nothing_is_kept(
    client, db, auth, manager, project, app
):
    auth.login_as(manager)
    response = client.post(
        f"/projects/{project.id}/milestones?lang=ar",
        data={
            "due_on": "2027-02-01",
            "text": "بداية الأشغال",
            "language": "ar",
            "kind": "progress",
            "photos": [(io.BytesIO(b"GIF89a not really"), "photo.png"), (io.BytesIO(jpeg_bytes()), "ok.jpg")],
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "هذا الملف ليس صورة صالحة" in page and "not a valid" not in page
    # The form comes back with the text typed, and nothing of the milestone is stored.
    assert "بداية الأشغال" in page
    assert _count(db, Milestone) == 0 and _count(db, MilestonePhoto) == 0
    assert not app.config["UPLOAD_DIR"].exists() or os.listdir(app.config["UPLOAD_DIR"]) == []
    assert [c.action for c in db.session.scalars(db.select(ProjectChange))] == ["created"]


def test_a_milestone_with_a_photo_is_added_and_reached(client, db, auth, manager, project, app):
    auth.login_as(manager)
    response = client.post(
        f"/projects/{project.id}/milestones",
        data={
            "due_on": "2026-01-15",
            "text": "Plantation des arbres",
            "language": "fr",
            "kind": "after",
            "photos": [(io.BytesIO(jpeg_bytes()), "arbres.jpg")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    milestone = db.session.scalar(db.select(Milestone))
    assert len(os.listdir(app.config["UPLOAD_DIR"])) == 1
    response = client.post(
        f"/projects/{project.id}/milestones/{milestone.id}/reached", data={"reached_on": "2026-01-20"}
    )
    assert response.status_code == 302
    db.session.refresh(milestone)
    assert milestone.reached_on.isoformat() == "2026-01-20"
    page = client.get(f"/projects/{project.id}?lang=en").get_data(as_text=True)
    assert "100 %" in page.replace("\u00a0", " ") and "Milestone reached" in page


def test_a_status_without_explanation_is_refused(client, db, auth, manager, project):
    auth.login_as(manager)
    response = client.post(
        f"/projects/{project.id}/status?lang=en", data={"status": "works", "explanation": ""}
    )
    assert response.status_code == 422
    assert "Explain the change to the public." in response.get_data(as_text=True)
    db.session.refresh(project)
    assert project.status.slug == "study"
