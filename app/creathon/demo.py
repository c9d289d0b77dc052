"""Demo content: the April 2018 Casablanca créathon and a file of its outcomes."""

from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from flask_babel import force_locale

from app.core.time import utcnow
from app.creathon import importer, queries, services
from app.creathon.mapping import guess_mapping
from app.creathon.options import ImportOptions
from app.creathon.readers import read_table
from app.extensions import db
from app.geometry.polygons import service_area
from app.ideas.categories import ensure_default_categories
from app.ideas.models import Category

SLUG = "creathon-casablanca-2018"
FALLBACK_CATEGORY = "public-transport"
DEMO_FILE = Path(__file__).parent / "demo_data" / "creathon-casablanca-2018.csv"
PARTNERS = (
    "Green-TIC",
    "IEEE Smart City Initiative",
    "Casablanca Events & Animation",
    "i2CAT",
    "Enactus Morocco",
)
DESCRIPTION = (
    "Pour inviter les Casablancais à imaginer des solutions facilitant la mobilité dans la ville, "
    "un créathon a été organisé le 20 avril 2018. Durant toute une journée, des citoyens de tous horizons "
    "ont proposé des projets collaboratifs et inclusifs répondant à leurs besoins, avec un accès aux "
    "données de la métropole et à une expertise externe.\n\n"
    "Le Smart City Hackathon qui a suivi, jusqu'au 22 avril au Technopark, a réuni 200 participants "
    "autour de 22 projets ; le jury a retenu trois lauréats."
)


def _fallback_category():
    """The default categories (the file's values name them) and the one for rows naming none."""
    ensure_default_categories()
    return db.session.scalar(db.select(Category).where(Category.slug == FALLBACK_CATEGORY))


# Two more events around today, so that the home page shows one coming up and one just held:
# slug, kind, title, days from today, venue, theme.
AROUND_TODAY = (
    (
        "atelier-places-ombragees",
        "workshop",
        "Atelier : des places ombragées pour l'été",
        -40,
        "Maison des jeunes de Derb Sultan",
        "public_space",
    ),
    (
        "creathon-mobilite-douce",
        "creathon",
        "Créathon mobilité douce",
        25,
        "Technopark Casablanca",
        "mobility",
    ),
)


def seed_demo_creathon():
    """Create the 2018 créathon and import its outcome file, and the events around today;
    idempotent. Returns the 2018 event."""
    with force_locale("fr"):
        event = _seed()
        today = utcnow().date()
        for slug, kind, title, days, venue, theme in AROUND_TODAY:
            if queries.event_by_slug(slug) is None:
                services.create_event(
                    None,
                    slug,
                    kind=kind,
                    title=title,
                    start_date=today + timedelta(days=days),
                    venue=venue,
                    theme=theme,
                    description="",
                    publish_directly=True,
                )
        return event


def _seed():
    event = queries.event_by_slug(SLUG)
    if event is None:
        event = services.create_event(
            None,
            SLUG,
            kind="creathon",
            title="Créathon mobilité Casablanca 2018",
            start_date=date(2018, 4, 20),
            venue="Technopark Casablanca",
            venue_lat=33.5410,
            venue_lng=-7.6345,
            theme="mobility",
            partners="\n".join(PARTNERS),
            description=DESCRIPTION,
            publish_directly=True,
        )
    # Each row names its category (parking, cycling, lighting...); one naming none is about buses.
    options = ImportOptions(default_category=_fallback_category().id)
    data = DEMO_FILE.read_bytes()
    table = read_table(data, DEMO_FILE.name)
    preview = importer.preview_rows(
        event, table.rows, guess_mapping(table.header), area=service_area(current_app.config), options=options
    )
    if preview.counts["create"] or preview.counts["update"]:
        importer.import_rows(
            event,
            table.rows,
            guess_mapping(table.header),
            filename=DEMO_FILE.name,
            data=data,
            area=service_area(current_app.config),
            options=options,
        )
    return event
