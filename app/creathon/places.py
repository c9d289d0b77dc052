"""Lookups used while importing: place names to districts, category names to categories."""

from flask_babel import lazy_gettext as _l

from app.creathon.text import normalize, shorten
from app.extensions import db
from app.ideas.models import Category, District


class PlaceIndex:
    """Finds the district a free-text place names (fr, ar or en, accents and case ignored)."""

    def __init__(self, districts):
        self.names = []
        self.centres = {}
        for district in districts:
            self.centres[district.id] = (district.center_lat, district.center_lng)
            for name in {
                district.name_fr,
                district.name_ar,
                district.name_en,
                district.slug.replace("-", " "),
            }:
                norm = normalize(name)
                if norm:
                    self.names.append((norm, district.id))
        # Longest names first, so that "Sidi Belyout" wins over "Sidi".
        self.names.sort(key=lambda item: -len(item[0]))

    @classmethod
    def load(cls):
        return cls(db.session.scalars(db.select(District)).all())

    def find(self, place):
        norm = normalize(place)
        if not norm:
            return None
        padded = f" {norm} "
        for name, district_id in self.names:
            if norm == name or f" {name} " in padded:
                return district_id
        return None

    def resolve(self, row):
        """Place `row` at its district's centre when it has no point, or mark it unplaced."""
        if not row.unplaced:
            return
        district_id = self.find(row.place)
        if district_id is None:
            row.notes.append(_l("No coordinates and no known district: listed, but not on the map."))
            return
        row.lat, row.lng = self.centres[district_id]
        row.district_id = district_id
        row.approximate = True
        row.notes.append(_l("No coordinates: placed approximately at the centre of the district."))


class CategoryIndex:
    """Matches a category cell to a category; unknown or empty cells get the event's default."""

    def __init__(self, categories, theme=None):
        self.by_name = {}
        for category in categories:
            for name in (
                category.slug.replace("-", " "),
                category.name_fr,
                category.name_ar,
                category.name_en,
            ):
                self.by_name.setdefault(normalize(name), category.id)
        preferred = [c for c in categories if c.is_active and (theme is None or c.theme == theme)]
        fallback = preferred or [c for c in categories if c.is_active] or list(categories)
        self.default = fallback[0] if fallback else None

    @classmethod
    def load(cls, theme=None):
        categories = db.session.scalars(db.select(Category).order_by(Category.position, Category.id)).all()
        return cls(categories, theme)

    def resolve(self, row):
        category_id = self.by_name.get(normalize(row.category_text)) if row.category_text else None
        if category_id is not None:
            row.category_id = category_id
        elif self.default is None:
            row.errors.append(_l("No category exists yet: an administrator must create one first."))
        else:
            row.category_id = self.default.id
            if row.category_text:
                row.notes.append(
                    _l(
                        "Unknown category “%(value)s”: filed under “%(default)s”.",
                        value=shorten(row.category_text),
                        default=self.default.name_fr,
                    )
                )
