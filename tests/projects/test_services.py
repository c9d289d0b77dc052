"""Project use cases: creating, statuses, links to ideas, milestones, progress, the log."""

import io
from datetime import date, datetime, timedelta

import pytest

from app.core.time import utcnow
from app.extensions import db
from app.ideas.photos import process_photo
from app.moderation.models import ModerationAction, PublicStatusEntry
from app.moderation.reporting import set_public_status
from app.notifications.models import Notification
from app.projects import queries, services
from app.projects.models import ProjectChange, ProjectLogIsAppendOnly
from tests.factories import make_idea, make_user
from tests.moderation.helpers import support
from tests.projects.conftest import draft, jpeg_bytes

pytestmark = pytest.mark.usefixtures("english")


def _actions(project):
    return [c.action for c in queries.timeline(project.id)]


def test_a_project_needs_a_title_in_one_language_and_keeps_the_others_missing(db, manager):
    with pytest.raises(services.ProjectError, match="at least one language"):
        services.create_project(manager, draft(titles={"fr": " ", "ar": "", "en": ""}), "study")
    project = services.create_project(manager, draft(titles={"fr": "", "ar": "ظل", "en": ""}), "study")
    assert project.title_fr is None and project.title_en is None
    assert project.shown_title("en") == ("ظل", "ar")
    assert _actions(project) == ["created"]


def test_dates_in_the_wrong_order_and_negative_budgets_are_refused(db, manager):
    with pytest.raises(services.ProjectError, match="after the planned start"):
        services.create_project(
            manager, draft(start_date=date(2027, 5, 1), end_date=date(2027, 1, 1)), "study"
        )
    with pytest.raises(services.ProjectError, match="positive"):
        services.create_project(manager, draft(budget_mad=-5), "study")


def test_status_change_needs_an_explanation_and_tells_followers(db, project, manager):
    follower = make_user()
    services.follow(project, follower)
    with pytest.raises(services.ProjectError, match="Explain"):
        services.change_status(project, manager, "works", "  ")
    services.change_status(project, manager, "works", "Le chantier commence lundi.")
    db.session.commit()
    assert project.status.slug == "works"
    change = queries.timeline(project.id)[0]
    assert (change.action, change.before, change.after) == (
        "status",
        {"status": "study"},
        {"status": "works"},
    )
    notes = db.session.scalars(db.select(Notification).where(Notification.user_id == follower.id)).all()
    assert [n.kind for n in notes] == ["project_update"]
    assert notes[0].params["explanation"] == "Le chantier commence lundi."


def test_delivery_date_is_set_when_delivered_and_cleared_when_not(db, project, manager):
    services.change_status(project, manager, "delivered", "Inauguré.")
    assert project.delivered_on == utcnow().date()
    services.change_status(project, manager, "works", "Reprise des travaux.")
    assert project.delivered_on is None


def test_linking_an_idea_answers_it_planned_and_tells_author_and_supporters(db, project, manager, city):
    idea = city["shade"]
    supporter = make_user()
    support(idea, supporter)
    services.link_idea(project, manager, idea, "Cette idée fait partie du projet.")
    db.session.commit()
    db.session.refresh(idea)
    assert idea.public_status == "planned"
    entry = db.session.scalar(db.select(PublicStatusEntry).where(PublicStatusEntry.idea_id == idea.id))
    assert entry.explanation == "Cette idée fait partie du projet."
    assert db.session.scalar(
        db.select(ModerationAction.action).where(ModerationAction.idea_id == idea.id)
    ) == ("public_status")
    told = {n.user_id: n.kind for n in db.session.scalars(db.select(Notification))}
    assert told[idea.author_id] == "idea_public_status"
    assert told[supporter.id] == "supported_idea_public_status"
    assert queries.projects_of_idea(idea.id) == [project]
    assert _actions(project)[0] == "idea_linked"


def test_an_idea_already_in_progress_keeps_its_answer(db, project, manager, city):
    idea = city["shade"]
    idea.public_status = "in_progress"
    services.link_idea(project, manager, idea, "Rattachée au projet.")
    assert idea.public_status == "in_progress"
    assert db.session.scalar(db.select(db.func.count(PublicStatusEntry.id))) == 0


def test_unpublished_ideas_and_double_links_are_refused_and_change_nothing(db, project, manager, city):
    pending = city["hidden"]["pending"]
    with pytest.raises(services.ProjectError, match="Only published ideas"):
        services.link_idea(project, manager, pending, "Non.")
    db.session.rollback()
    assert pending.public_status is None
    services.link_idea(project, manager, city["shade"], "Oui.")
    with pytest.raises(services.ProjectError, match="already linked"):
        services.link_idea(project, manager, city["shade"], "Encore.")


def test_linking_a_creathon_outcome_records_it(db, project, manager, city):
    outcome = city["outcome"]
    services.link_idea(project, manager, outcome.idea, "Prototype retenu.", outcome=outcome)
    db.session.commit()
    (link,) = queries.linked_ideas(project.id)
    assert (link.idea_id, link.outcome_id) == (outcome.idea_id, outcome.id)
    assert _actions(project)[0] == "outcome_linked"


def test_progress_comes_from_milestones_unless_set_by_hand(db, project, manager, app):
    upload = app.config["UPLOAD_DIR"]
    first, _ = services.add_milestone(project, manager, date(2027, 1, 1), "Étude", "fr", upload_dir=upload)
    services.add_milestone(project, manager, date(2027, 6, 1), "Travaux", "fr", upload_dir=upload)
    assert project.progress == 0
    services.reach_milestone(project, manager, first, utcnow().date())
    assert project.progress == 50
    services.set_progress(project, manager, 80)
    assert project.progress == 80
    services.set_progress(project, manager, None)
    assert project.progress == 50
    with pytest.raises(services.ProjectError):
        services.set_progress(project, manager, 120)


def test_a_milestone_cannot_be_reached_in_the_future(db, project, manager, app):
    milestone, _ = services.add_milestone(
        project, manager, date(2027, 1, 1), "Étude", "fr", upload_dir=app.config["UPLOAD_DIR"]
    )
    with pytest.raises(services.ProjectError, match="future"):
        services.reach_milestone(project, manager, milestone, utcnow().date() + timedelta(days=2))


def test_milestone_photos_are_stored_without_metadata(db, project, manager, app):
    photo = process_photo(io.BytesIO(jpeg_bytes()))
    milestone, written = services.add_milestone(
        project,
        manager,
        date(2027, 1, 1),
        "Avant",
        "fr",
        [photo],
        "before",
        upload_dir=app.config["UPLOAD_DIR"],
    )
    db.session.commit()
    stored = (app.config["UPLOAD_DIR"] / written[0]).read_bytes()
    assert b"SpyCam" not in stored and b"Exif" not in stored
    assert [p.kind for p in milestone.photos] == ["before"]
    assert queries.photos_of(project.id, "before")[0].name == written[0]


def test_edits_are_logged_with_before_and_after(db, project, manager, city):
    services.update_project(project, manager, draft(budget_mad=1_200_000, district_ids=[]))
    change = queries.timeline(project.id)[0]
    assert change.action == "edited"
    assert change.before == {"budget_mad": None, "districts": ["sidi-belyout"]}
    assert change.after == {"budget_mad": 1_200_000, "districts": []}
    with pytest.raises(services.ProjectError, match="Nothing changed"):
        services.update_project(project, manager, draft(budget_mad=1_200_000, district_ids=[]))


def test_the_log_is_append_only(db, project):
    change = db.session.scalar(db.select(ProjectChange))
    change.explanation = "rewritten"
    with pytest.raises(ProjectLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(db.select(ProjectChange)))
    with pytest.raises(ProjectLogIsAppendOnly):
        db.session.flush()


def _answered(idea, manager, status, when):
    set_public_status(idea, manager, status, "Réponse de la ville.")
    entry = db.session.scalars(
        db.select(PublicStatusEntry).where(PublicStatusEntry.idea_id == idea.id)
    ).all()[-1]
    entry.created_at = when


def test_transparency_counts_accepted_ideas_those_that_became_projects_and_delivered(
    db, project, manager, city
):
    this_year, last_year = str(utcnow().year), str(utcnow().year - 1)
    # Accepted last year: one idea without a district, never a project; one in the district
    # that became a project this year (it counts in the year it was accepted).
    _answered(city["formula"], manager, "accepted", datetime(utcnow().year - 1, 5, 1))
    _answered(city["shade"], manager, "accepted", datetime(utcnow().year - 1, 2, 1))
    services.link_idea(project, manager, city["shade"], "Oui.")
    # Linked this year without an earlier answer: planned this year by the link.
    services.link_idea(project, manager, city["outcome"].idea, "Oui.", outcome=city["outcome"])
    # Accepted, then hidden: no longer counted.
    hidden = make_idea(district=city["district"], category=city["category"])
    _answered(hidden, manager, "accepted", datetime(utcnow().year - 1, 1, 1))
    hidden.status = "hidden"
    db.session.commit()

    def rows():
        return sorted(
            ((d.slug if d else "", year, accepted, became, delivered))
            for d, year, accepted, became, delivered in queries.ideas_answered_by_projects()
        )

    assert rows() == [
        ("", last_year, 1, 0, 0),
        ("sidi-belyout", last_year, 1, 1, 0),
        ("sidi-belyout", this_year, 1, 1, 0),
    ]
    services.change_status(project, manager, "delivered", "Livré.")
    db.session.commit()
    assert rows() == [
        ("", last_year, 1, 0, 0),
        ("sidi-belyout", last_year, 1, 1, 1),
        ("sidi-belyout", this_year, 1, 1, 1),
    ]
