"""District boundaries: importing a GeoJSON FeatureCollection and finding the district of a point."""

import json
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from app.extensions import db
from app.geometry.polygons import GeometryError, Shape
from app.ideas.models import District, Idea
from app.ideas.queries import districts_around_point
from app.ideas.search import normalise

LANGUAGES = ("fr", "ar", "en")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class DistrictImportError(ValueError):
    """The file cannot be imported; `problems` lists every reason, by feature."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    ideas_assigned: int = 0


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
        return None, f"'{population_property}' is not a whole number of 0 or more: {value!r}"
    return value, None


def parse_districts(document, name_properties=None, slug_property="slug", population_property=None):
    """Validate a FeatureCollection and return one row per feature; raise with every problem."""
    name_properties = name_properties or {}
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DistrictImportError(["the file is not a GeoJSON FeatureCollection"])
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise DistrictImportError(["the FeatureCollection has no features"])
    rows, problems, seen = [], [], set()
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"{where}: not a GeoJSON Feature")
            continue
        properties = feature.get("properties") or {}
        names = {lang: _name(properties, lang, name_properties) for lang in LANGUAGES}
        fallback = names["fr"] or names["en"] or names["ar"]
        if fallback is None:
            problems.append(f"{where}: no name (looked for name_fr, name_ar, name_en, name)")
            continue
        names = {lang: names[lang] or fallback for lang in LANGUAGES}
        where = f"{where} ({fallback})"
        slug = (
            str(properties.get(slug_property) or "").strip() or slugify(names["fr"]) or slugify(names["en"])
        )
        if not SLUG_RE.match(slug or ""):
            problems.append(f"{where}: no usable slug; add a '{slug_property}' property")
            continue
        if slug in seen:
            problems.append(f"{where}: slug '{slug}' appears twice in the file")
            continue
        seen.add(slug)
        try:
            shape = Shape(feature.get("geometry"))
        except GeometryError as error:
            problems.append(f"{where}: {error}")
            continue
        population, problem = (
            _population(properties, population_property) if population_property else (None, None)
        )
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        rows.append(
            {
                "slug": slug,
                "names": names,
                "shape": shape,
                "geometry": feature["geometry"],
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
):
    """Insert or update districts by slug (flushes, never commits), then give every placed
    idea the district its point falls in. With `population_property`, each district's
    inhabitants are read from it (a feature without it keeps the population it had)."""
    rows = parse_districts(document, name_properties, slug_property, population_property)
    existing = {d.slug: d for d in db.session.scalars(select(District)).all()}
    result = ImportResult()
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
        result.ideas_assigned = assign_districts()
    return result


def assign_districts(batch=2000):
    """Recompute the district of every placed idea; returns how many changed."""
    shapes = [(d.id, Shape(d.geometry)) for d in db.session.scalars(select(District)).all()]
    changed, last_id = 0, 0
    while True:
        ideas = db.session.scalars(
            select(Idea).where(Idea.id > last_id, Idea.lat.is_not(None)).order_by(Idea.id).limit(batch)
        ).all()
        if not ideas:
            return changed
        for idea in ideas:
            found = next((did for did, shape in shapes if shape.contains(idea.lat, idea.lng)), None)
            if idea.district_id != found:
                idea.district_id = found
                changed += 1
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
