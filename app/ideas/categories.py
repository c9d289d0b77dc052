"""The default categories, in two themes, named in French, Arabic and English.

Migration 0002 installs the same list (migrations keep their own frozen copy); this one serves
code that must make sure they exist, such as the demo content and the synthetic seeder."""
from sqlalchemy import select

from app.extensions import db
from app.ideas.models import Category

# slug, theme, French, Arabic, English, colour
DEFAULT_CATEGORIES = (
    ("public-transport", "mobility", "Transports en commun", "النقل العمومي", "Public transport", "#1f6f8b"),
    ("walking", "mobility", "Marche à pied", "المشي", "Walking", "#2a9d8f"),
    ("cycling", "mobility", "Vélo", "الدراجات الهوائية", "Cycling", "#3a6ea5"),
    ("parking", "mobility", "Stationnement", "ركن السيارات", "Parking", "#5c6770"),
    ("road-safety", "mobility", "Sécurité routière", "السلامة الطرقية", "Road safety", "#c0392b"),
    ("accessible-transport", "mobility", "Transport accessible", "النقل الميسّر", "Accessible transport",
     "#7b2cbf"),
    ("parks-greenery", "public_space", "Parcs et espaces verts", "الحدائق والمساحات الخضراء",
     "Parks and greenery", "#2d6a4f"),
    ("squares-placemaking", "public_space", "Places et aménagement", "الساحات وتهيئة الفضاءات",
     "Squares and placemaking", "#d1603d"),
    ("street-furniture-shade", "public_space", "Mobilier urbain et ombre", "الأثاث الحضري والظل",
     "Street furniture and shade", "#9c6644"),
    ("lighting", "public_space", "Éclairage public", "الإنارة العمومية", "Lighting", "#b8860b"),
    ("cleanliness", "public_space", "Propreté", "النظافة", "Cleanliness", "#3d8b6d"),
    ("accessibility", "public_space", "Accessibilité", "الولوجية", "Accessibility", "#5e60ce"),
)


def ensure_default_categories():
    """Add the default categories that are missing (by slug); flushes, returns how many."""
    present = set(db.session.scalars(select(Category.slug)))
    added = 0
    for position, (slug, theme, fr, ar, en, colour) in enumerate(DEFAULT_CATEGORIES):
        if slug not in present:
            db.session.add(Category(slug=slug, theme=theme, name_fr=fr, name_ar=ar, name_en=en,
                                    color=colour, position=position))
            added += 1
    db.session.flush()
    return added
