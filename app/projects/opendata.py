"""What the open-data downloads and the API publish of projects: fields, rows and version parts.

app.opendata turns FIELDS into its datasets; this module stays below it and knows no format."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.core.urls import external_url
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.projects.models import Milestone, MilestonePhoto, Project, ProjectChange, ProjectLink

# (dataset, title, description, frequency, has a map geometry, ((field, type, meaning), ...))
DATASETS = (
    (
        "projects",
        _l("City projects"),
        _l("What the city builds in answer to residents' ideas: status, progress, budget, dates and place."),
        _l("Continuously, as projects change"),
        True,
        (
            ("id", "integer", _l("Number of the project, as in its address on Agora")),
            ("title_fr", "string", _l("Title in French, empty when not written")),
            ("title_ar", "string", _l("Title in Arabic, empty when not written")),
            ("title_en", "string", _l("Title in English, empty when not written")),
            ("description_fr", "string", _l("Description in French, empty when not written")),
            ("description_ar", "string", _l("Description in Arabic, empty when not written")),
            ("description_en", "string", _l("Description in English, empty when not written")),
            ("department", "string", _l("Responsible department")),
            ("districts", "string", _l("District codes, separated by spaces")),
            ("status", "string", _l("Status code (study, procurement, works, delivered, abandoned…)")),
            ("stage", "string", _l("open, delivered or abandoned")),
            ("progress", "integer", _l("Progress in percent")),
            ("budget_mad", "integer", _l("Budget in Moroccan dirhams, empty when not given")),
            ("start_date", "date", _l("Planned start")),
            ("end_date", "date", _l("Planned end")),
            ("delivered_on", "date", _l("Day it was delivered")),
            ("ideas", "string", _l("Numbers of the published ideas it answers, separated by spaces")),
            ("url", "string", _l("Address of the project on Agora")),
        ),
    ),
    (
        "project_milestones",
        _l("Project milestones"),
        _l("Each project's milestones, planned and reached, with their photos."),
        _l("Continuously, as projects change"),
        False,
        (
            ("id", "integer", _l("Number of the milestone")),
            ("project_id", "integer", _l("Number of the project")),
            ("due_on", "date", _l("Planned day")),
            ("reached_on", "date", _l("Day it was reached, empty when not yet")),
            ("text", "string", _l("What happens")),
            ("language", "string", _l("Language of the text")),
            ("photos", "string", _l("Addresses of its photos, separated by spaces")),
        ),
    ),
    (
        "project_links",
        _l("Ideas answered by projects"),
        _l("Which published idea or créathon outcome each project answers."),
        _l("Continuously, as projects change"),
        False,
        (
            ("project_id", "integer", _l("Number of the project")),
            ("idea_id", "integer", _l("Number of the published idea")),
            ("outcome_id", "integer", _l("Number of the créathon outcome, empty for a residents' idea")),
            ("linked_at", "datetime", _l("When it was linked (UTC)")),
        ),
    ),
)
PUBLISHED = IdeaStatus.PUBLISHED.value


def _published_links(ids=None):
    stmt = (
        select(ProjectLink)
        .join(Idea, Idea.id == ProjectLink.idea_id)
        .where(Idea.status == PUBLISHED)
        .order_by(ProjectLink.project_id, ProjectLink.id)
    )
    return stmt if ids is None else stmt.where(ProjectLink.project_id.in_(ids))


def project_rows(ids=None):
    """Every project (or those numbered in `ids`), by number, with the published ideas it answers."""
    ideas = {}
    for link in db.session.scalars(_published_links(ids)):
        ideas.setdefault(link.project_id, []).append(str(link.idea_id))
    stmt = (
        select(Project)
        .options(selectinload(Project.districts), selectinload(Project.milestones))
        .order_by(Project.id)
    )
    if ids is not None:
        stmt = stmt.where(Project.id.in_(ids))
    for project in db.session.scalars(stmt):
        yield {
            "id": project.id,
            **{f"title_{lang}": project.title_in(lang) for lang in ("fr", "ar", "en")},
            **{f"description_{lang}": project.description_in(lang) for lang in ("fr", "ar", "en")},
            "department": project.department,
            "districts": " ".join(d.slug for d in project.districts),
            "status": project.status.slug,
            "stage": project.status.stage,
            "progress": project.progress,
            "budget_mad": project.budget_mad,
            "start_date": project.start_date,
            "end_date": project.end_date,
            "delivered_on": project.delivered_on,
            "ideas": " ".join(ideas.get(project.id, ())),
            "url": external_url("projects.detail", project_id=project.id),
            "_geometry": project.geometry,
        }


def milestone_rows():
    stmt = (
        select(Milestone).options(selectinload(Milestone.photos)).order_by(Milestone.project_id, Milestone.id)
    )
    for milestone in db.session.scalars(stmt):
        yield {
            "id": milestone.id,
            "project_id": milestone.project_id,
            "due_on": milestone.due_on,
            "reached_on": milestone.reached_on,
            "text": milestone.text,
            "language": milestone.language,
            "photos": " ".join(external_url("projects.photo", name=p.name) for p in milestone.photos),
        }


def link_rows():
    for link in db.session.scalars(_published_links()):
        yield {
            "project_id": link.project_id,
            "idea_id": link.idea_id,
            "outcome_id": link.outcome_id,
            "linked_at": link.created_at,
        }


ROWS = {"projects": project_rows, "project_milestones": milestone_rows, "project_links": link_rows}


def state():
    """Aggregates that change whenever a published project fact does: the datasets' version."""
    changes = db.session.execute(
        select(func.count(ProjectChange.id), func.max(ProjectChange.created_at))
    ).one()
    projects = db.session.execute(select(func.count(Project.id), func.max(Project.updated_at))).one()
    milestones = db.session.scalar(select(func.count(Milestone.id)))
    photos = db.session.scalar(select(func.count(MilestonePhoto.id)))
    links = db.session.scalar(select(func.count()).select_from(_published_links().subquery()))
    return {
        "parts": [*changes, *projects, milestones, photos],
        "changed": [changes[1], projects[1]],
        "counts": {"projects": projects[0], "project_milestones": milestones, "project_links": links},
    }
