"""Project use cases, one function per verb. They flush and never commit; the view commits.

Every change appends to the project's log (`project_changes`), which is also its public timeline."""

import json
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IDEAS
from app.ideas.models import District
from app.ideas.photos import remove_photo, store_photo
from app.jobs.services import queue
from app.moderation.reporting import set_public_status
from app.moderation.services import ModerationError
from app.projects.models import (
    LANGUAGES,
    PHOTO_KINDS,
    Milestone,
    MilestonePhoto,
    Project,
    ProjectChange,
    ProjectFollow,
    ProjectLink,
    ProjectStatus,
)

# Public answers an idea keeps when linked: the city is already past "planned" for it.
ANSWERS_KEPT = ("planned", "in_progress", "done")
EDITABLE = (
    *(f"title_{lang}" for lang in LANGUAGES),
    *(f"description_{lang}" for lang in LANGUAGES),
    "department",
    "budget_mad",
    "start_date",
    "end_date",
    "geometry",
)


class ProjectError(Exception):
    """A change refused; the message is safe to show staff."""


@dataclass
class ProjectDraft:
    """What staff send for a project: texts per language, department, place, money and dates."""

    titles: dict
    descriptions: dict
    department: str
    district_ids: list = field(default_factory=list)
    geometry: dict | None = None
    budget_mad: int | None = None
    start_date: date | None = None
    end_date: date | None = None

    def values(self):
        values = {f"title_{k}": (v or "").strip() or None for k, v in self.titles.items()}
        values.update({f"description_{k}": (v or "").strip() or None for k, v in self.descriptions.items()})
        values.update(
            department=(self.department or "").strip(),
            budget_mad=self.budget_mad,
            start_date=self.start_date,
            end_date=self.end_date,
            geometry=json.dumps(self.geometry) if self.geometry else None,
        )
        return values


def _check(draft):
    values = draft.values()
    if not any(values[f"title_{lang}"] for lang in LANGUAGES):
        raise ProjectError(_l("Give the project a title in at least one language."))
    if not values["department"]:
        raise ProjectError(_l("Name the responsible department."))
    if draft.budget_mad is not None and draft.budget_mad < 0:
        raise ProjectError(_l("The budget must be a positive number of dirhams."))
    if draft.start_date and draft.end_date and draft.start_date > draft.end_date:
        raise ProjectError(_l("The planned end must come after the planned start."))
    districts = db.session.scalars(select(District).where(District.id.in_(draft.district_ids))).all()
    if len(districts) != len(set(draft.district_ids)):
        raise ProjectError(_l("Choose districts from the list."))
    return values, districts


def log_change(project, actor, action, explanation=None, before=None, after=None):
    """Append one row to the project's log."""
    entry = ProjectChange(
        project_id=project.id,
        actor_id=actor.id if actor else None,
        action=action,
        explanation=explanation or None,
        before=before,
        after=after,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def _tell_followers(project, what, explanation=""):
    """Followers hear of it from the worker (app/projects/jobs.py), however many they are. The
    titles go in every language written, so each reader gets theirs (or one that exists)."""
    title, _lang = project.shown_title("fr")
    params = {
        "title": title,
        "titles": {lang: project.title_in(lang) for lang in LANGUAGES if project.title_in(lang)},
        "project_id": project.id,
        "what": what,
        "explanation": explanation or "",
    }
    queue("project_followers", {"project_id": project.id, "params": params})


def status_by_slug(slug):
    return db.session.scalar(select(ProjectStatus).where(ProjectStatus.slug == slug))


def create_project(actor, draft, status_slug):
    """A new project in the status `status_slug`."""
    values, districts = _check(draft)
    status = status_by_slug(status_slug)
    if status is None:
        raise ProjectError(_l("Choose a status from the list."))
    project = Project(**values, status=status, districts=districts)
    if status.stage == "delivered":
        project.delivered_on = utcnow().date()
    db.session.add(project)
    db.session.flush()
    log_change(project, actor, "created", after={"status": status.slug})
    return project


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def update_project(project, actor, draft):
    """Change a project's texts, department, place, budget or dates; the log keeps before and after."""
    values, districts = _check(draft)
    before, after = {}, {}
    for name in EDITABLE:
        if getattr(project, name) != values[name]:
            before[name], after[name] = _plain(getattr(project, name)), _plain(values[name])
            setattr(project, name, values[name])
    old_districts = sorted(d.slug for d in project.districts)
    new_districts = sorted(d.slug for d in districts)
    if old_districts != new_districts:
        before["districts"], after["districts"] = old_districts, new_districts
        project.districts = districts
    if not after:
        raise ProjectError(_l("Nothing changed: the values are the same."))
    db.session.flush()
    log_change(project, actor, "edited", before=before, after=after)
    _tell_followers(project, "edited")
    return project


def change_status(project, actor, status_slug, explanation):
    """Move the project to another status, with a public explanation."""
    status = status_by_slug(status_slug)
    if status is None:
        raise ProjectError(_l("Choose a status from the list."))
    explanation = (explanation or "").strip()
    if not explanation:
        raise ProjectError(_l("Explain the change to the public."))
    if status.id == project.status_id:
        raise ProjectError(_l("The project already has this status."))
    before = project.status.slug
    project.status = status
    project.delivered_on = utcnow().date() if status.stage == "delivered" else None
    db.session.flush()
    log_change(
        project, actor, "status", explanation, before={"status": before}, after={"status": status.slug}
    )
    _tell_followers(project, "status", explanation)
    return project


def set_progress(project, actor, percent):
    """Set the progress by hand (0–100), or None to derive it from the milestones again."""
    if percent is not None and not 0 <= percent <= 100:
        raise ProjectError(_l("Progress is a percentage from 0 to 100."))
    before = project.progress
    project.progress_manual = percent
    db.session.flush()
    log_change(project, actor, "progress", before={"progress": before}, after={"progress": project.progress})
    return project


def link_idea(project, actor, idea, explanation, outcome=None):
    """Add a published idea (or a créathon outcome's idea) to what the project answers. The
    idea's public answer becomes "planned", through moderation's answer service, which tells
    its author and supporters."""
    if idea is None or not IDEAS.can(idea, "answer"):
        raise ProjectError(_l("Only published ideas can be linked to a project."))
    explanation = (explanation or "").strip()
    if not explanation:
        raise ProjectError(_l("Explain to the idea's author what the project will do."))
    try:
        with db.session.begin_nested():
            db.session.add(
                ProjectLink(
                    project_id=project.id, idea_id=idea.id, outcome_id=outcome.id if outcome else None
                )
            )
    except IntegrityError:
        raise ProjectError(_l("This idea is already linked to the project.")) from None
    if idea.public_status not in ANSWERS_KEPT:
        try:
            set_public_status(idea, actor, "planned", explanation)
        except ModerationError as error:
            raise ProjectError(str(error)) from None
    action = "outcome_linked" if outcome else "idea_linked"
    log_change(
        project, actor, action, after={"idea_id": idea.id, "outcome_id": outcome.id if outcome else None}
    )
    _tell_followers(project, action)
    return project


def unlink(project, actor, link):
    """Take an idea out of the project (its public answer stays: the city answers it anew)."""
    if link is None or link.project_id != project.id:
        raise ProjectError(_l("This idea is not linked to the project."))
    after = {"idea_id": link.idea_id, "outcome_id": link.outcome_id}
    db.session.execute(delete(ProjectLink).where(ProjectLink.id == link.id))
    log_change(project, actor, "unlinked", before=after)
    return project


def add_milestone(project, actor, due_on, text, language, photos=(), kind="progress", *, upload_dir):
    """A milestone with its photos (already re-encoded by app.ideas.photos). Returns it and the
    names of the files written, which the caller removes if the change is not committed."""
    text = (text or "").strip()
    if due_on is None:
        raise ProjectError(_l("Give the milestone a date."))
    if not text:
        raise ProjectError(_l("Describe the milestone."))
    if language not in LANGUAGES:
        raise ProjectError(_l("Choose a language from the list."))
    if kind not in PHOTO_KINDS:
        raise ProjectError(_l("Choose a kind of photo from the list."))
    milestone = Milestone(due_on=due_on, text=text, language=language)
    project.milestones.append(milestone)
    written = []
    try:
        for photo in photos:
            written.append(store_photo(upload_dir, photo))
            milestone.photos.append(MilestonePhoto(name=written[-1], kind=kind))
        db.session.flush()
    except Exception:
        discard_files(upload_dir, written)
        raise
    log_change(
        project, actor, "milestone_added", text, after={"milestone_id": milestone.id, "photos": len(written)}
    )
    _tell_followers(project, "milestone_added", text)
    return milestone, written


def reach_milestone(project, actor, milestone, reached_on):
    """Mark a milestone reached on `reached_on` (not in the future)."""
    if milestone is None or milestone.project_id != project.id:
        raise ProjectError(_l("This milestone is not part of the project."))
    if reached_on is None or reached_on > utcnow().date():
        raise ProjectError(_l("A milestone is reached today or earlier, not in the future."))
    milestone.reached_on = reached_on
    db.session.flush()
    db.session.refresh(project)
    log_change(
        project,
        actor,
        "milestone_reached",
        milestone.text,
        after={"milestone_id": milestone.id, "progress": project.progress},
    )
    _tell_followers(project, "milestone_reached", milestone.text)
    return milestone


def discard_files(upload_dir, names):
    """Remove photo files written for a change that was not committed."""
    for name in names:
        remove_photo(upload_dir, name)


def follow(project, user, following=True):
    """A resident follows (or stops following) a project; idempotent."""
    existing = db.session.get(ProjectFollow, (user.id, project.id))
    if following and existing is None:
        db.session.add(ProjectFollow(user_id=user.id, project_id=project.id))
    elif not following and existing is not None:
        db.session.delete(existing)
    db.session.flush()


def forget_follower(user_id):
    """Remove what a resident follows (their account is being deleted)."""
    db.session.execute(delete(ProjectFollow).where(ProjectFollow.user_id == user_id))
