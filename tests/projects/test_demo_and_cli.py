"""The demo seeds projects in several states once; the status list and permissions from the CLI."""

from app.accounts.models import User
from app.extensions import db
from app.projects.models import Milestone, MilestonePhoto, Project, ProjectChange, ProjectLink, ProjectStatus


def test_demo_seeds_projects_in_different_states_once(app, runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    projects = db.session.scalars(db.select(Project)).all()
    assert {p.status.slug for p in projects} == {"works", "procurement", "delivered", "abandoned"}
    # Each status came with its own public explanation: why the project was abandoned, say.
    explanations = db.session.scalars(
        db.select(ProjectChange.explanation).where(ProjectChange.action == "status")
    ).all()
    assert len(set(explanations)) == 4
    abandoned = next(p for p in projects if p.status.slug == "abandoned")
    page = client.get(f"/projects/{abandoned.id}?lang=en").get_data(as_text=True)
    assert "Le terrain prévu n&#39;est plus disponible" in page.split('class="status-why"', 1)[1]
    assert db.session.scalar(db.select(db.func.count(ProjectLink.id))) >= 3
    assert db.session.scalar(db.select(db.func.count()).where(ProjectLink.outcome_id.is_not(None))) == 1
    assert {p.kind for p in db.session.scalars(db.select(MilestonePhoto))} == {"before", "progress", "after"}
    assert db.session.scalar(db.select(db.func.count(Milestone.id))) == 6
    moderator = db.session.scalar(db.select(User).where(User.email == "moderator@agora.local"))
    assert moderator.has_permission("manage_projects")
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert db.session.scalar(db.select(db.func.count(Project.id))) == 4


def test_statuses_are_configurable_from_the_command_line(app, runner):
    result = runner.invoke(
        args=[
            "projects",
            "set-status",
            "reception",
            "--fr",
            "Réception",
            "--ar",
            "استلام",
            "--en",
            "Handover",
            "--position",
            "35",
        ]
    )
    assert result.exit_code == 0, result.output
    listing = runner.invoke(args=["projects", "statuses"]).output
    assert listing.index("works") < listing.index("reception") < listing.index("delivered")
    assert (
        db.session.scalar(db.select(ProjectStatus.name_ar).where(ProjectStatus.slug == "reception"))
        == "استلام"
    )
    assert (
        runner.invoke(
            args=["projects", "set-status", "bad slug!", "--fr", "x", "--ar", "x", "--en", "x"]
        ).exit_code
        == 2
    )


def test_permissions_are_granted_to_moderators_only(app, runner):
    runner.invoke(
        args=[
            "users",
            "create",
            "mod@example.org",
            "--role",
            "moderator",
            "--password",
            "correct horse battery",
        ]
    )
    runner.invoke(args=["users", "create", "res@example.org", "--password", "correct horse battery"])
    assert runner.invoke(args=["users", "grant", "mod@example.org", "manage_projects"]).exit_code == 0
    refused = runner.invoke(args=["users", "grant", "res@example.org", "manage_projects"])
    assert refused.exit_code == 1 and "Only moderators" in refused.output
    moderator = db.session.scalar(db.select(User).where(User.email == "mod@example.org"))
    assert moderator.has_permission("manage_projects")
    assert (
        runner.invoke(args=["users", "grant", "mod@example.org", "manage_projects", "--revoke"]).exit_code
        == 0
    )
    db.session.expire_all()
    assert not moderator.has_permission("manage_projects")
