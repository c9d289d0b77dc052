"""Demo content: a few city projects in different states, answering demo ideas (idempotent)."""

import io
from datetime import timedelta

from flask import current_app
from PIL import Image, ImageDraw
from sqlalchemy import select

from app.accounts import services as accounts
from app.accounts.models import User
from app.core.time import utcnow
from app.creathon.models import Outcome
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import District, Idea
from app.ideas.photos import process_photo
from app.projects import services
from app.projects.models import Project

# (titles fr/ar/en, description fr, department, status, budget, months from today to start/end,
#  milestones as (months from today, reached?, text, photo kind or None), hand-set progress)
DEMO_PROJECTS = (
    (
        ("Ombre et bancs au boulevard", "ظل ومقاعد في الشارع", "Shade and benches on the boulevard"),
        "Pergolas, arbres d'alignement et bancs sur 600 m, demandés par les habitants.",
        "Parcs et jardins",
        "works",
        1_800_000,
        (-4, 3),
        (
            (-4, True, "Relevé de l'état des trottoirs.", "before"),
            (-1, True, "Plantation des premiers arbres.", "progress"),
            (2, False, "Pose des pergolas et des bancs.", None),
        ),
        60,
    ),
    (
        ("Piste cyclable de la corniche", None, "Corniche cycle lane"),
        "Une piste cyclable protégée le long de la corniche, issue du créathon 2018.",
        "Voirie et déplacements",
        "procurement",
        4_500_000,
        (2, 14),
        ((1, False, "Lancement de l'appel d'offres.", None),),
        None,
    ),
    (
        ("Éclairage du passage de la gare", "إنارة ممر المحطة", None),
        "Éclairage LED du passage piéton sous les voies.",
        "Éclairage public",
        "delivered",
        320_000,
        (-10, -2),
        (
            (-10, True, "Le passage avant les travaux.", "before"),
            (-2, True, "Mise en service de l'éclairage.", "after"),
        ),
        None,
    ),
    (
        ("Parking à étages du marché", None, None),
        "Étude d'un parking à étages près du marché central.",
        "Voirie et déplacements",
        "abandoned",
        None,
        (-12, -6),
        (),
        None,
    ),
)
# Each status change carries its public explanation, as staff write it.
EXPLANATIONS = {
    "works": "Le marché est attribué : les travaux ont commencé, voir les jalons ci-dessous.",
    "procurement": "L'étude est terminée ; l'appel d'offres est en préparation.",
    "delivered": "Les travaux sont terminés et le passage est éclairé depuis la mise en service.",
    "abandoned": "Le terrain prévu n'est plus disponible ; les places de stationnement seront "
    "recherchées dans le plan de circulation du quartier.",
}
COLORS = {"before": (150, 140, 130), "progress": (190, 170, 90), "after": (70, 150, 90)}


def _demo_photo(kind):
    # Drawn here rather than shipped: a plain picture of the right kind, through the same pipeline.
    image = Image.new("RGB", (640, 400), COLORS[kind])
    draw = ImageDraw.Draw(image)
    for x in range(0, 640, 80):
        draw.rectangle([x + 10, 250, x + 60, 390], fill=(255, 255, 255) if kind == "after" else (90, 90, 90))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return process_photo(io.BytesIO(out.getvalue()))


def _month(offset):
    return (utcnow().date().replace(day=1) + timedelta(days=31 * offset)).replace(day=1)


def seed_demo_projects():
    """Grant the demo moderator the projects permission and create the demo projects, linking the
    ideas the city answered and one créathon outcome. Nothing when projects exist already."""
    moderator = db.session.scalar(select(User).where(User.email == "moderator@agora.local"))
    if moderator is None or db.session.scalar(select(Project.id).limit(1)) is not None:
        return 0
    accounts.grant_permission(moderator, "manage_projects")
    answered = db.session.scalars(
        select(Idea)
        .where(Idea.status == IdeaStatus.PUBLISHED, Idea.public_status.in_(("accepted", "planned")))
        .order_by(Idea.id)
    ).all()
    outcome = db.session.scalar(
        select(Outcome).join(Idea, Idea.id == Outcome.idea_id).where(Idea.status == IdeaStatus.PUBLISHED)
    )
    upload_dir = current_app.config["UPLOAD_DIR"]
    for n, (titles, text, department, status, budget, months, milestones, progress) in enumerate(
        DEMO_PROJECTS
    ):
        idea = answered[n] if n < len(answered) else None
        district = idea.district if idea else db.session.scalar(select(District).order_by(District.id))
        point = [round(idea.lng, 6), round(idea.lat, 6)] if idea and idea.is_placed else None
        draft = services.ProjectDraft(
            titles=dict(zip(("fr", "ar", "en"), titles, strict=True)),
            descriptions={"fr": text},
            department=department,
            district_ids=[district.id] if district else [],
            geometry={"type": "Point", "coordinates": point} if point else None,
            budget_mad=budget,
            start_date=_month(months[0]),
            end_date=_month(months[1]),
        )
        project = services.create_project(moderator, draft, "study")
        if idea:
            services.link_idea(project, moderator, idea, "Cette idée fait partie d'un projet de la ville.")
        if n == 1 and outcome is not None:
            services.link_idea(
                project,
                moderator,
                outcome.idea,
                "Le prototype du créathon devient un projet.",
                outcome=outcome,
            )
        for offset, reached, milestone_text, kind in milestones:
            photos = [_demo_photo(kind)] if kind else []
            milestone, _names = services.add_milestone(
                project,
                moderator,
                _month(offset),
                milestone_text,
                "fr",
                photos,
                kind or "progress",
                upload_dir=upload_dir,
            )
            if reached:
                services.reach_milestone(project, moderator, milestone, min(_month(offset), utcnow().date()))
        if status != "study":
            services.change_status(project, moderator, status, EXPLANATIONS[status])
        if progress is not None:
            services.set_progress(project, moderator, progress)
    return len(DEMO_PROJECTS)
