"""Lookups used while importing: place names to districts, category names to categories."""

from flask_babel import lazy_gettext as _l

from app.creathon.options import SKIP, ImportOptions
from app.creathon.text import normalize, shorten
from app.extensions import db
from app.geometry.polygons import GeometryError, Shape
from app.ideas.models import Category, District


class PlaceIndex:
    """Finds the district a free-text place names (fr, ar or en, accents and case ignored)."""

    def __init__(self, districts):
        self.names = []
        self.centres = {}
        self.shapes = []
        for district in districts:
            self.centres[district.id] = (district.center_lat, district.center_lng)
            try:
                self.shapes.append((district.id, Shape(district.geometry)))
            except (GeometryError, ValueError):
                # A district without a usable boundary still lends its name and centre.
                pass
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
        """Give `row` the district its district column names; place it at that district's
        centre (or the one its place names) when it has no point, or mark it unplaced."""
        named = self.find(row.district_text) if row.district_text else None
        if row.district_text and named is None:
            row.notes.append(_l("Unknown district “%(value)s”: ignored.", value=shorten(row.district_text)))
        if not row.unplaced:
            # The point decides, as for a citizen's idea; the district column when it falls in none.
            inside = next((did for did, shape in self.shapes if shape.contains(row.lat, row.lng)), None)
            row.district_id = inside or named
            return
        district_id = named or self.find(row.place)
        if district_id is None:
            row.notes.append(_l("No coordinates and no known district: listed, but not on the map."))
            return
        row.lat, row.lng = self.centres[district_id]
        row.district_id = district_id
        row.approximate = True
        row.notes.append(_l("No coordinates: placed approximately at the centre of the district."))


class CategoryIndex:
    """Matches a category cell to a category; a missing or unknown one takes the category the
    facilitator chose for it, is skipped, or is an error: never a silent guess."""

    def __init__(self, categories, options=None):
        self.by_name = {}
        self.names = {}
        for category in categories:
            self.names[category.id] = category.name_fr
            for name in (
                category.slug.replace("-", " "),
                category.name_fr,
                category.name_ar,
                category.name_en,
            ):
                self.by_name.setdefault(normalize(name), category.id)
        self.options = options or ImportOptions()
        self.unknown = {}

    @classmethod
    def load(cls, options=None):
        categories = db.session.scalars(db.select(Category).order_by(Category.position, Category.id)).all()
        return cls(categories, options)

    def resolve(self, row):
        text = row.category_text
        category_id = self.by_name.get(normalize(text)) if text else None
        if category_id is not None:
            row.category_id = category_id
            return
        chosen = None
        if text:
            self.unknown.setdefault(normalize(text), text)
            chosen = self.options.category_for(text)
        if chosen is None:
            chosen = self.options.default_category
        if chosen == SKIP:
            row.action = "skip"
            row.notes.append(_l("No known category: not imported, as chosen."))
        elif chosen is not None:
            row.category_id = chosen
            row.notes.append(_l("Filed under “%(category)s”, as chosen.", category=self.names[chosen]))
        elif text:
            row.errors.append(
                _l(
                    "Unknown category “%(value)s”: choose a category for it in the preview, "
                    "or correct the file.",
                    value=shorten(text),
                )
            )
        else:
            row.errors.append(
                _l("No category: choose a default category in the column step, or skip these rows.")
            )
