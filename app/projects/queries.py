"""Read queries of the projects feature: lists, pages, timelines, district reports and figures."""

from sqlalchemy import case, func, select, union_all
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.creathon.models import Outcome
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, District, Idea
from app.moderation.models import PublicStatusEntry
from app.projects.models import (
    Milestone,
    MilestonePhoto,
    Project,
    ProjectChange,
    ProjectFollow,
    ProjectLink,
    ProjectStatus,
    project_districts,
)

PUBLISHED = IdeaStatus.PUBLISHED.value


def statuses_in_order():
    return db.session.scalars(select(ProjectStatus).order_by(ProjectStatus.position, ProjectStatus.id)).all()


def status_names(locale):
    """{slug: name in `locale`} of every status, for timelines."""
    return {s.slug: s.name(locale) for s in statuses_in_order()}


def departments():
    """The departments that run at least one project, for the list's filter."""
    return db.session.scalars(select(Project.department).distinct().order_by(Project.department)).all()


PER_PAGE = 20


def _filters(stmt, status=None, district=None, department=None):
    if status is not None:
        stmt = stmt.where(Project.status_id == status.id)
    if district is not None:
        stmt = stmt.where(
            Project.id.in_(
                select(project_districts.c.project_id).where(project_districts.c.district_id == district.id)
            )
        )
    if department:
        stmt = stmt.where(Project.department == department)
    return stmt


def _with_cards(stmt):
    return stmt.options(selectinload(Project.districts), selectinload(Project.milestones))


def filtered_projects(status=None, district=None, department=None):
    """Projects (with their statuses and districts), newest first, filtered."""
    stmt = _filters(_with_cards(select(Project)), status, district, department)
    return db.session.scalars(stmt.order_by(Project.id.desc())).all()


def projects_page(status=None, district=None, department=None, page=1, per_page=PER_PAGE):
    """One page of `filtered_projects` (newest first); a page past the end has no items."""
    stmt = _filters(_with_cards(select(Project)), status, district, department)
    return db.paginate(stmt.order_by(Project.id.desc()), page=page, per_page=per_page, error_out=False)


def public_ids_after(status=None, district=None, after=0, limit=PER_PAGE):
    """Numbers of at most `limit` matching projects after number `after`, in order, and whether
    more follow: the API's pages, by keyset so that a new project never shifts them."""
    stmt = _filters(select(Project.id), status, district).where(Project.id > after)
    ids = db.session.scalars(stmt.order_by(Project.id).limit(limit + 1)).all()
    return ids[:limit], len(ids) > limit


def placed_projects(status=None, district=None, department=None):
    """(id, title_fr, title_ar, title_en, geometry) of every matching project with a place: what
    the map draws, read without loading the projects themselves."""
    stmt = select(Project.id, Project.title_fr, Project.title_ar, Project.title_en, Project.geometry).where(
        Project.geometry.is_not(None)
    )
    return db.session.execute(_filters(stmt, status, district, department).order_by(Project.id)).all()


def project_page(project_id):
    if not 0 < project_id < 2**31:
        return None
    return db.session.scalar(
        select(Project)
        .where(Project.id == project_id)
        .options(
            selectinload(Project.districts), selectinload(Project.milestones).selectinload(Milestone.photos)
        )
    )


def linked_ideas(project_id, published_only=True):
    """The project's links with their ideas (and outcomes, events): published ideas only for
    the public, every one for staff."""
    stmt = (
        select(ProjectLink)
        .join(Idea, Idea.id == ProjectLink.idea_id)
        .where(ProjectLink.project_id == project_id)
        .options(selectinload(ProjectLink.outcome).selectinload(Outcome.event))
        .order_by(ProjectLink.id)
    )
    if published_only:
        stmt = stmt.where(Idea.status == PUBLISHED)
    return db.session.scalars(stmt).all()


def timeline(project_id):
    """The project's log, newest first: its public timeline."""
    return db.session.scalars(
        select(ProjectChange).where(ProjectChange.project_id == project_id).order_by(ProjectChange.id.desc())
    ).all()


def photos_of(project_id, kind):
    return db.session.scalars(
        select(MilestonePhoto)
        .join(Milestone, Milestone.id == MilestonePhoto.milestone_id)
        .where(Milestone.project_id == project_id, MilestonePhoto.kind == kind)
        .order_by(MilestonePhoto.id)
    ).all()


def photo_named(name):
    return db.session.scalar(select(MilestonePhoto).where(MilestonePhoto.name == name))


def projects_of_idea(idea_id):
    """The projects that answer an idea, for the banner at the top of its page."""
    return db.session.scalars(
        select(Project)
        .join(ProjectLink, ProjectLink.project_id == Project.id)
        .where(ProjectLink.idea_id == idea_id)
        .options(selectinload(Project.milestones))
        .order_by(Project.id)
    ).all()


def follower_ids(project_id):
    return db.session.scalars(
        select(ProjectFollow.user_id)
        .join(User, User.id == ProjectFollow.user_id)
        .where(ProjectFollow.project_id == project_id, User.is_blocked.is_(False), User.deleted_at.is_(None))
    ).all()


def is_following(user_id, project_id):
    return db.session.get(ProjectFollow, (user_id, project_id)) is not None


def published_idea(idea_id):
    if not 0 < idea_id < 2**31:
        return None
    return db.session.scalar(select(Idea).where(Idea.id == idea_id))


def outcome_by_id(outcome_id):
    if not 0 < outcome_id < 2**31:
        return None
    return db.session.get(Outcome, outcome_id)


def district_report(district):
    """What residents asked in a district, what the city answered and what was delivered."""
    in_district = (Idea.district_id == district.id, Idea.status == PUBLISHED)
    count, supports = db.session.execute(
        select(func.count(Idea.id), func.coalesce(func.sum(Idea.support_count), 0)).where(*in_district)
    ).one()
    top = db.session.scalars(
        select(Idea).where(*in_district).order_by(Idea.support_count.desc(), Idea.id).limit(10)
    ).all()
    answers = dict(
        db.session.execute(
            select(Idea.public_status, func.count())
            .where(Idea.district_id == district.id, Idea.status == PUBLISHED, Idea.public_status.is_not(None))
            .group_by(Idea.public_status)
        ).all()
    )
    by_category = db.session.execute(
        select(Category, func.count(Idea.id))
        .join(Idea, Idea.category_id == Category.id)
        .where(Idea.district_id == district.id, Idea.status == PUBLISHED)
        .group_by(Category.id)
        .order_by(func.count(Idea.id).desc())
    ).all()
    projects = filtered_projects(district=district)
    return {
        "ideas": count,
        "supports": int(supports),
        "top_ideas": top,
        "by_category": by_category,
        "answers": answers,
        "projects": projects,
        "delivered": [p for p in projects if p.status.stage == "delivered"],
    }


def ideas_answered_by_projects():
    """Per (district, year the city first accepted or planned the idea): the published ideas it
    accepted or planned, how many of them became projects, and how many of those a delivered
    project answers. Linking an idea plans it, so a linked idea always counts as planned."""
    answered = union_all(
        select(PublicStatusEntry.idea_id.label("idea_id"), PublicStatusEntry.created_at.label("at")).where(
            PublicStatusEntry.status.in_(("accepted", "planned"))
        ),
        select(ProjectLink.idea_id, ProjectLink.created_at),
    ).subquery()
    since = (
        select(answered.c.idea_id, func.min(answered.c.at).label("at"))
        .group_by(answered.c.idea_id)
        .subquery()
    )
    became = select(ProjectLink.id).where(ProjectLink.idea_id == Idea.id).exists()
    delivered = (
        select(ProjectLink.id)
        .join(Project, Project.id == ProjectLink.project_id)
        .join(ProjectStatus, ProjectStatus.id == Project.status_id)
        .where(ProjectLink.idea_id == Idea.id, ProjectStatus.stage == "delivered")
        .exists()
    )
    per_idea = (
        select(
            Idea.district_id,
            _year(since.c.at).label("year"),
            case((became, 1), else_=0).label("became"),
            case((delivered, 1), else_=0).label("delivered"),
        )
        .join(since, since.c.idea_id == Idea.id)
        .where(Idea.status == PUBLISHED)
        .subquery()
    )
    rows = db.session.execute(
        select(
            District,
            per_idea.c.year,
            func.count(),
            func.sum(per_idea.c.became),
            func.sum(per_idea.c.delivered),
        )
        .select_from(per_idea)
        .outerjoin(District, District.id == per_idea.c.district_id)
        .group_by(District.id, per_idea.c.year)
        .order_by(per_idea.c.year.desc(), District.id.is_(None), District.name_fr)
    ).all()
    return [
        (district, year, int(count), int(became or 0), int(done or 0))
        for district, year, count, became, done in rows
    ]


def _year(column):
    if db.engine.dialect.name == "sqlite":
        return func.strftime("%Y", column)
    return func.to_char(column, "YYYY")
