"""Random ideas with a fixed seed, and the brute-force answer the map must agree with."""

import random

from app.extensions import db
from app.ideas.models import District, Idea
from app.ideas.search import idea_terms, query_words
from app.mapindex.aggregates import verify_cells
from tests.factories import make_category, make_user

CITY = (-7.80, 33.45, -7.35, 33.68)
STATUSES = ("published", "published", "published", "pending", "hidden")


def make_district(slug):
    district = District(
        slug=slug,
        name_fr=slug,
        name_ar=slug,
        name_en=slug,
        geometry="{}",
        min_lng=-7.7,
        min_lat=33.5,
        max_lng=-7.5,
        max_lat=33.6,
        center_lat=33.55,
        center_lng=-7.6,
    )
    db.session.add(district)
    db.session.flush()
    return district


def random_ideas(n, seed=7):
    """`n` ideas spread over the city (clumped downtown), mixed categories, districts, statuses."""
    rng = random.Random(seed)
    author = make_user()
    categories = [make_category(slug=f"cat-{i}") for i in range(3)]
    districts = [make_district(f"district-{i}") for i in range(2)] + [None]
    ideas = []
    for i in range(n):
        if rng.random() < 0.6:
            lng, lat = rng.gauss(-7.62, 0.02), rng.gauss(33.59, 0.015)
        else:
            lng, lat = rng.uniform(CITY[0], CITY[2]), rng.uniform(CITY[1], CITY[3])
        ideas.append(
            Idea(
                title=f"{'Banc' if i % 4 == 0 else 'Arbre'} {i}",
                description="d",
                category=rng.choice(categories),
                district=rng.choice(districts),
                author=author,
                status=rng.choice(STATUSES),
                lat=lat,
                lng=lng,
            )
        )
    db.session.add_all(ideas)
    db.session.flush()
    return ideas, categories, districts


def title_has_words(title, q, description=""):
    """Each word of the search starts one of the idea's words (case and accents aside)."""
    title_words = idea_terms(title, description)
    wanted = query_words(q)
    return bool(wanted) and all(any(t.startswith(w) for t in title_words) for w in wanted)


def expected(bbox, status="published", category=None, district=None, q=None):
    """Ids of the ideas a map of `bbox` must account for, computed the slow obvious way."""
    west, south, east, north = bbox
    found = set()
    for idea in db.session.query(Idea).all():
        if idea.lat is None or idea.status != status:
            continue
        if category is not None and idea.category_id != category.id:
            continue
        if district is not None and idea.district_id != district.id:
            continue
        if q is not None and not title_has_words(idea.title, q, idea.description):
            continue
        if west <= idea.lng <= east and south <= idea.lat <= north:
            found.add(idea.id)
    return found


def assert_cells_exact():
    assert verify_cells(db.session.connection()) == []
