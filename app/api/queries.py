"""The GeoJSON FeatureCollection of ideas for a map view."""

from sqlalchemy import select

from app.creathon.models import Outcome
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, Idea
from app.mapindex.queries import map_view
from app.moderation.labels import public_status_label


def _round(value):
    return round(value, 6)


def ideas_feature_collection(bbox, zoom, flt, locale, idea_url):
    """Clusters and ideas in the box as GeoJSON; `idea_url(id)` gives each idea's page."""
    view = map_view(db.session.connection(), bbox, zoom, flt)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [_round(c.lng), _round(c.lat)]},
            "properties": {"cluster": True, "count": c.count, "bbox": [_round(v) for v in c.bbox]},
        }
        for c in view.clusters
    ]
    features.extend(_idea_features(view.idea_ids, locale, idea_url))
    return {"type": "FeatureCollection", "features": features}


def _idea_features(ids, locale, idea_url):
    if not ids:
        return []
    name = getattr(Category, f"name_{locale}", Category.name_fr)
    rows = db.session.execute(
        select(
            Idea.id,
            Idea.title,
            Idea.lng,
            Idea.lat,
            Idea.support_count,
            Idea.approximate,
            Idea.public_status,
            Idea.photo,
            Idea.status,
            Idea.language,
            Category.slug,
            name,
            Category.color,
            Outcome.title_ar,
        )
        .join(Category, Category.id == Idea.category_id)
        .outerjoin(Outcome, Outcome.idea_id == Idea.id)
        .where(Idea.id.in_(ids))
        .order_by(Idea.support_count.desc(), Idea.id)
    )
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [_round(lng), _round(lat)]},
            "properties": {
                "id": idea_id,
                # A créathon outcome with an Arabic title is named by it to Arabic readers.
                **_title(title, language, title_ar, locale),
                "category": slug,
                "category_name": category_name,
                "color": color,
                "support_count": support_count,
                "url": idea_url(idea_id),
                "approximate": bool(approximate),
                # The city's answer in the reader's language; the photo, and the small copy that
                # a popup shows (a phone photo weighs far more than a popup needs), which only
                # published ideas have.
                "answer": public_status_label(answer) if answer else None,
                "photo": f"{idea_url(idea_id)}/photo" if photo else None,
                "thumbnail": f"{idea_url(idea_id)}/thumbnail"
                if photo and status == IdeaStatus.PUBLISHED
                else None,
            },
        }
        for (
            idea_id,
            title,
            lng,
            lat,
            support_count,
            approximate,
            answer,
            photo,
            status,
            language,
            slug,
            category_name,
            color,
            title_ar,
        ) in rows
    ]


def _title(title, language, title_ar, locale):
    if title_ar and locale == "ar":
        return {"title": title_ar, "language": "ar"}
    return {"title": title, "language": language}
