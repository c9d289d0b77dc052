"""Small factories for the objects most tests need."""

import itertools
import json

from app.accounts import services as account_services
from app.core.time import utcnow
from app.extensions import db
from app.ideas.models import Category, District, Idea
from app.privacy import services as privacy_services

_seq = itertools.count(1)
PASSWORD = "correct horse battery"


def make_user(role="citizen", verified=True, email=None, name=None, language="fr", accepted_notice=True):
    """A user; by default one who accepted the current privacy notice, as at registration."""
    n = next(_seq)
    user = account_services.create_user(
        email or f"user{n}@example.org", name or f"User {n}", PASSWORD, language, role, verified
    )
    if accepted_notice:
        privacy_services.accept_notice(user)
    return user


def make_category(slug=None, theme="mobility", **names):
    n = next(_seq)
    category = Category(
        slug=slug or f"category-{n}",
        theme=theme,
        name_fr=names.get("fr", f"Catégorie {n}"),
        name_ar=names.get("ar", f"فئة {n}"),
        name_en=names.get("en", f"Category {n}"),
    )
    db.session.add(category)
    db.session.flush()
    return category


def make_idea(author=None, category=None, status="published", lat=33.5731, lng=-7.5898, **fields):
    idea = Idea(
        title=fields.pop("title", f"Idea {next(_seq)}"),
        description=fields.pop("description", "Shade and benches along the boulevard."),
        category=category or make_category(),
        author=author if author is not None else make_user(),
        status=status,
        lat=lat,
        lng=lng,
        published_at=utcnow() if status == "published" else None,
        **fields,
    )
    db.session.add(idea)
    db.session.flush()
    return idea


def make_polygon_district(slug, fr, ar, en, ring):
    """A district bounded by `ring` ([lng, lat] points, closed), its box and centre drawn from it."""
    lngs, lats = [lng for lng, _ in ring], [lat for _, lat in ring]
    district = District(
        slug=slug,
        name_fr=fr,
        name_ar=ar,
        name_en=en,
        geometry=json.dumps({"type": "Polygon", "coordinates": [ring]}),
        min_lng=min(lngs),
        min_lat=min(lats),
        max_lng=max(lngs),
        max_lat=max(lats),
        center_lat=(min(lats) + max(lats)) / 2,
        center_lng=(min(lngs) + max(lngs)) / 2,
    )
    db.session.add(district)
    db.session.flush()
    return district
