"""City projects, their statuses, districts, links to ideas, milestones, photos, followers and log."""

from sqlalchemy import event, func
from sqlalchemy.exc import InvalidRequestError

from app.core.time import utcnow
from app.extensions import db
from app.ideas.models import District

LANGUAGES = ("fr", "ar", "en")
# What a status means for the figures: still going, delivered, or given up.
STAGES = ("open", "delivered", "abandoned")
PHOTO_KINDS = ("before", "progress", "after")
CHANGES = (
    "created",
    "edited",
    "status",
    "progress",
    "idea_linked",
    "outcome_linked",
    "unlinked",
    "milestone_added",
    "milestone_reached",
)


def shown_title(titles, locale):
    """(text, language): the title in `locale`, or else in the first language it exists in;
    `titles` is {language: title or None}."""
    for lang in (locale, *LANGUAGES):
        if titles.get(lang):
            return titles[lang], lang
    return "", locale


def _in(values):
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class ProjectStatus(db.Model):
    """One step of the configurable list (`flask projects statuses`), named in three languages."""

    __tablename__ = "project_statuses"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(40), nullable=False, unique=True)
    name_fr = db.Column(db.String(80), nullable=False)
    name_ar = db.Column(db.String(80), nullable=False)
    name_en = db.Column(db.String(80), nullable=False)
    stage = db.Column(db.String(10), nullable=False, default="open")
    position = db.Column(db.Integer, nullable=False, default=0)

    __table_args__ = (db.CheckConstraint(f"stage IN {_in(STAGES)}", name="stage_known"),)

    def name(self, locale):
        return getattr(self, f"name_{locale}", None) or self.name_fr


project_districts = db.Table(
    "project_districts",
    db.Column("project_id", db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    db.Column("district_id", db.Integer, db.ForeignKey("districts.id"), primary_key=True),
    db.Index("ix_project_districts_district", "district_id"),
)


class Project(db.Model):
    __tablename__ = "projects"

    id = db.Column(db.Integer, primary_key=True)
    # Each text in the languages it was written in; a missing one stays missing, never machine-made.
    title_fr = db.Column(db.String(200))
    title_ar = db.Column(db.String(200))
    title_en = db.Column(db.String(200))
    description_fr = db.Column(db.Text)
    description_ar = db.Column(db.Text)
    description_en = db.Column(db.Text)
    department = db.Column(db.String(160), nullable=False)
    status_id = db.Column(db.Integer, db.ForeignKey("project_statuses.id"), nullable=False)
    budget_mad = db.Column(db.BigInteger)
    start_date = db.Column(db.Date)
    end_date = db.Column(db.Date)
    # GeoJSON text of a Point or a LineString (longitude first), or None.
    geometry = db.Column(db.Text)
    # Set by hand, or None: then the share of milestones reached.
    progress_manual = db.Column(db.Integer)
    delivered_on = db.Column(db.Date)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)

    status = db.relationship(ProjectStatus, lazy="joined")
    districts = db.relationship(District, secondary=project_districts, order_by=District.name_fr)
    milestones = db.relationship(
        "Milestone", order_by="Milestone.due_on, Milestone.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        db.CheckConstraint(
            "title_fr IS NOT NULL OR title_ar IS NOT NULL OR title_en IS NOT NULL", name="has_title"
        ),
        db.CheckConstraint("budget_mad IS NULL OR budget_mad >= 0", name="budget_positive"),
        db.CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR start_date <= end_date", name="dates_in_order"
        ),
        db.CheckConstraint(
            "progress_manual IS NULL OR (progress_manual >= 0 AND progress_manual <= 100)",
            name="progress_percent",
        ),
        db.Index("ix_projects_status", "status_id"),
    )

    def title_in(self, locale):
        return getattr(self, f"title_{locale}", None)

    def description_in(self, locale):
        return getattr(self, f"description_{locale}", None)

    def shown_title(self, locale):
        """(text, language): the title in `locale`, or else in the first language it exists in."""
        return shown_title({lang: self.title_in(lang) for lang in LANGUAGES}, locale)

    @property
    def progress(self):
        if self.progress_manual is not None:
            return self.progress_manual
        if not self.milestones:
            return 0
        reached = sum(1 for m in self.milestones if m.reached_on is not None)
        return round(100 * reached / len(self.milestones))


class ProjectLink(db.Model):
    """An idea the project answers; `outcome_id` when it came in as a créathon outcome."""

    __tablename__ = "project_links"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False)
    idea_id = db.Column(db.Integer, db.ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False)
    outcome_id = db.Column(db.Integer, db.ForeignKey("creathon_outcomes.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    idea = db.relationship("Idea")
    outcome = db.relationship("Outcome")

    __table_args__ = (
        db.UniqueConstraint("project_id", "idea_id"),
        db.Index("ix_project_links_idea", "idea_id"),
    )


class Milestone(db.Model):
    __tablename__ = "project_milestones"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False)
    due_on = db.Column(db.Date, nullable=False)
    reached_on = db.Column(db.Date)
    text = db.Column(db.Text, nullable=False)
    language = db.Column(db.String(5), nullable=False, default="fr")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    photos = db.relationship("MilestonePhoto", order_by="MilestonePhoto.id", cascade="all, delete-orphan")

    __table_args__ = (db.Index("ix_project_milestones_project", "project_id", "due_on"),)


class MilestonePhoto(db.Model):
    """A photo re-encoded by app.ideas.photos, stored under a random name in UPLOAD_DIR."""

    __tablename__ = "project_photos"

    id = db.Column(db.Integer, primary_key=True)
    milestone_id = db.Column(
        db.Integer, db.ForeignKey("project_milestones.id", ondelete="CASCADE"), nullable=False
    )
    name = db.Column(db.String(64), nullable=False, unique=True)
    kind = db.Column(db.String(10), nullable=False, default="progress")

    __table_args__ = (db.CheckConstraint(f"kind IN {_in(PHOTO_KINDS)}", name="kind_known"),)


class ProjectFollow(db.Model):
    __tablename__ = "project_follows"

    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    __table_args__ = (db.Index("ix_project_follows_project", "project_id"),)


class ProjectChange(db.Model):
    """The project's audit log, append-only, which its page shows as the public timeline."""

    __tablename__ = "project_changes"

    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.Integer, db.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    action = db.Column(db.String(30), nullable=False)
    explanation = db.Column(db.Text)
    before = db.Column(db.JSON)
    after = db.Column(db.JSON)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    actor = db.relationship("User")

    __table_args__ = (
        db.CheckConstraint(f"action IN {_in(CHANGES)}", name="action_known"),
        db.Index("ix_project_changes_project", "project_id", "created_at"),
    )


class ProjectLogIsAppendOnly(InvalidRequestError):
    """Raised when code tries to change or remove a logged project change."""


@event.listens_for(ProjectChange, "before_update")
def _refuse_update(_mapper, _connection, target):
    raise ProjectLogIsAppendOnly(f"project change {target.id} cannot be changed")


@event.listens_for(ProjectChange, "before_delete")
def _refuse_delete(_mapper, _connection, target):
    raise ProjectLogIsAppendOnly(f"project change {target.id} cannot be deleted")
