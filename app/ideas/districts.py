"""District boundaries: importing a GeoJSON FeatureCollection and finding the district of a point."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.geometry.polygons import GeometryError, Shape
from app.ideas import boundaries
from app.ideas.boundaries import problem as _problem
from app.ideas.models import District, Idea
from app.ideas.queries import districts_around_point
from app.ideas.search import normalise

LANGUAGES = ("fr", "ar", "en")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DistrictImportError(ValueError):
    """The file cannot be imported; `problems` lists every reason, by feature."""

    def __init__(self, problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    # Translated warnings: boundaries outside the service area, overlapping districts.
    warnings: list = field(default_factory=list)
    # Ideas whose district really changed: into an imported district, out of one (to another
    # district or none), and elsewhere (a district recomputed that the file did not touch).
    ideas_moved_in: int = 0
    ideas_moved_out: int = 0
    ideas_corrected: int = 0
    # slug -> (ideas inside after the import, gained, lost), for the imported districts.
    per_district: dict = field(default_factory=dict)

    @property
    def ideas_assigned(self):
        return self.ideas_moved_in + self.ideas_moved_out + self.ideas_corrected


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", normalise(text).encode("ascii", "ignore").decode()).strip("-")


def _name(properties, language, name_properties):
    for key in (name_properties.get(language), f"name_{language}", f"name:{language}", "name", "nom"):
        value = properties.get(key) if key else None
        if isinstance(value, str) and value.strip():
            return value.strip()[:120]
    return None


def _population(properties, population_property):
    """(inhabitants or None, problem or None) read from the feature's property."""
    value = properties.get(population_property)
    if value is None or value == "":
        return None, None
    if isinstance(value, str):
        value = value.strip().replace(" ", "").replace("\u202f", "")
        value = int(value) if value.isascii() and value.isdigit() else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None, _l(
            "'%(property)s' is not a whole number of 0 or more: %(value)s",
            property=population_property,
            value=repr(value),
        )
    return value, None


# The messages of app.geometry.polygons (pure, untranslated), as the import prints them.
_GEOMETRY_MESSAGES = {
    "a ring needs at least four positions": _l("a ring needs at least four positions"),
    "a position must be two numbers [longitude, latitude]": _l(
        "a position must be two numbers [longitude, latitude]"
    ),
    "a position is outside longitude -180..180 or latitude -90..90": _l(
        "a position is outside longitude -180..180 or latitude -90..90"
    ),
    "a ring must end where it starts": _l("a ring must end where it starts"),
    "the geometry is missing": _l("the geometry is missing"),
    "the geometry has no coordinates": _l("the geometry has no coordinates"),
    "a polygon needs at least an outer ring": _l("a polygon needs at least an outer ring"),
}


def _geometry_message(error, geometry):
    text = str(error)
    if text in _GEOMETRY_MESSAGES:
        return _GEOMETRY_MESSAGES[text]
    if text.startswith("geometry type"):
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        return _l("geometry type %(kind)s is not Polygon or MultiPolygon", kind=repr(kind))
    return text


def _invalid_message(found):
    if found.kind.endswith("Self-intersection") and found.lng is not None:
        return _l(
            "the boundary crosses itself near longitude %(lng)s, latitude %(lat)s; "
            "redraw it so that no edge crosses another",
            lng=round(found.lng, 6),
            lat=round(found.lat, 6),
        )
    return _l("the boundary is not a valid polygon (%(reason)s)", reason=found.kind)


def _feature(number, name=None):
    if name is None:
        return _l("feature %(number)s", number=number)
    return _l("feature %(number)s (%(name)s)", number=number, name=name)


def parse_districts(document, name_properties=None, slug_property="slug", population_property=None):
    """Validate a FeatureCollection and return one row per feature; raise with every problem."""
    name_properties = name_properties or {}
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DistrictImportError([_l("the file is not a GeoJSON FeatureCollection")])
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise DistrictImportError([_l("the FeatureCollection has no features")])
    rows, problems, seen = [], [], set()
    for number, feature in enumerate(features, start=1):
        where = _feature(number)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_problem(where, _l("not a GeoJSON Feature")))
            continue
        properties = feature.get("properties") or {}
        names = {lang: _name(properties, lang, name_properties) for lang in LANGUAGES}
        fallback = names["fr"] or names["en"] or names["ar"]
        if fallback is None:
            problems.append(_problem(where, _l("no name (looked for name_fr, name_ar, name_en, name)")))
            continue
        names = {lang: names[lang] or fallback for lang in LANGUAGES}
        where = _feature(number, fallback)
        slug = (
            str(properties.get(slug_property) or "").strip() or slugify(names["fr"]) or slugify(names["en"])
        )
        if not SLUG_RE.match(slug or ""):
            problems.append(
                _problem(where, _l("no usable slug; add a '%(property)s' property", property=slug_property))
            )
            continue
        if slug in seen:
            problems.append(_problem(where, _l("slug '%(slug)s' appears twice in the file", slug=slug)))
            continue
        seen.add(slug)
        try:
            shape = Shape(feature.get("geometry"))
        except GeometryError as error:
            problems.append(_problem(where, _geometry_message(error, feature.get("geometry"))))
            continue
        geometry = boundaries.geometry_of(feature["geometry"])
        found = boundaries.invalidity(geometry)
        if found is not None:
            problems.append(_problem(where, _invalid_message(found)))
            continue
        population, problem = (
            _population(properties, population_property) if population_property else (None, None)
        )
        if problem:
            problems.append(_problem(where, problem))
            continue
        rows.append(
            {
                "slug": slug,
                "names": names,
                "shape": shape,
                "geometry": feature["geometry"],
                "valid": geometry,
                "where": where,
                "population": population,
            }
        )
    if problems:
        raise DistrictImportError(problems)
    return rows


def import_districts(
    document,
    name_properties=None,
    slug_property="slug",
    illustrative=False,
    reassign=True,
    population_property=None,
    area=None,
):
    """Insert or update districts by slug (flushes, never commits), then give every placed
    idea the district its point falls in. With `population_property`, each district's
    inhabitants are read from it (a feature without it keeps the population it had). Invalid
    boundaries refuse the whole file; boundaries outside `area` or overlapping others are
    imported with a warning."""
    rows = parse_districts(document, name_properties, slug_property, population_property)
    existing = {d.slug: d for d in db.session.scalars(select(District)).all()}
    in_file = {row["slug"] for row in rows}
    others = {
        slug: boundaries.geometry_of(json.loads(d.geometry))
        for slug, d in existing.items()
        if slug not in in_file
    }
    result = ImportResult(warnings=boundaries.placement_warnings(rows, others, area))
    for row in rows:
        district = existing.get(row["slug"])
        if district is None:
            district = District(slug=row["slug"])
            db.session.add(district)
            result.created.append(row["slug"])
        else:
            result.updated.append(row["slug"])
        district.name_fr, district.name_ar, district.name_en = (row["names"][lang] for lang in LANGUAGES)
        district.geometry = json.dumps(row["geometry"], separators=(",", ":"))
        district.min_lng, district.min_lat, district.max_lng, district.max_lat = row["shape"].bbox
        district.center_lat, district.center_lng = row["shape"].centre()
        district.is_illustrative = illustrative
        if row["population"] is not None:
            district.population = row["population"]
    db.session.flush()
    if reassign:
        moves = assign_districts()
        slugs = {d.id: d.slug for d in db.session.scalars(select(District)).all()}
        touched = {d.id for d in db.session.scalars(select(District).where(District.slug.in_(in_file)))}
        result.ideas_moved_in = sum(1 for _old, new in moves if new in touched)
        result.ideas_moved_out = sum(1 for old, new in moves if old in touched and new not in touched)
        result.ideas_corrected = len(moves) - result.ideas_moved_in - result.ideas_moved_out
        gained = Counter(slugs.get(new) for _old, new in moves)
        lost = Counter(slugs.get(old) for old, _new in moves)
        inside = dict(
            db.session.execute(
                select(District.slug, db.func.count(Idea.id))
                .join(Idea, Idea.district_id == District.id)
                .where(District.slug.in_(in_file))
                .group_by(District.slug)
            ).all()
        )
        result.per_district = {
            row["slug"]: (inside.get(row["slug"], 0), gained[row["slug"]], lost[row["slug"]]) for row in rows
        }
    return result


def assign_districts(batch=2000):
    """Recompute the district of every placed idea; returns the (old, new) district ids of
    those that changed."""
    shapes = [(d.id, Shape(d.geometry)) for d in db.session.scalars(select(District)).all()]
    moves, last_id = [], 0
    while True:
        ideas = db.session.scalars(
            select(Idea).where(Idea.id > last_id, Idea.lat.is_not(None)).order_by(Idea.id).limit(batch)
        ).all()
        if not ideas:
            return moves
        for idea in ideas:
            found = next((did for did, shape in shapes if shape.contains(idea.lat, idea.lng)), None)
            if idea.district_id != found:
                moves.append((idea.district_id, found))
                idea.district_id = found
        last_id = ideas[-1].id
        db.session.flush()


def set_population(district, population):
    """Record the district's inhabitants (None: unknown). Flushes, never commits."""
    if population is not None and population < 0:
        raise ValueError("a population is 0 or more")
    district.population = population
    db.session.flush()


def district_for_point(lat, lng):
    """The district whose boundary holds the point, or None."""
    for district in districts_around_point(lat, lng):
        if Shape(district.geometry).contains(lat, lng):
            return district
    return None
