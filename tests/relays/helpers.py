"""Helpers for the relays' tests: an idea entered through a relay, directly through the service."""

from app.ideas.services import IdeaDraft, locate
from app.relays.services import check_resident, submit_assisted_idea


def assisted_idea(relay, category, district, *, phone=None, email=None, language="fr", title=None, **kw):
    from flask import current_app

    from app.geometry.polygons import service_area

    resident = check_resident("M. B.", kw.pop("channel", "paper"), True, phone, email, language)
    location = locate(service_area(current_app.config), district=district, place_label="Près du marché")
    draft = IdeaDraft(
        title or "Un abri pour l'arrêt de bus",
        "Les gens attendent en plein soleil, il faudrait un abri avec des bancs.",
        category,
        location,
    )
    return submit_assisted_idea(relay, draft, resident, **kw)
