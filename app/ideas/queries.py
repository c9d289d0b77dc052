"""Read-only queries on ideas, categories and districts."""

import math

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.geometry.distance import bbox_around
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Category, District, Idea
from app.ideas.search import matching, matching_count, searching

PUBLIC_STATUSES = (IdeaStatus.PUBLISHED.value,)
SORTS = ("supported", "newest", "near")
# The answer filter's value for ideas the city has not answered yet.
NO_ANSWER = "none"
PER_PAGE = 20
# A list counts its ideas up to this and then says "more than": an exact count of a million
# published ideas reads them all, on every page view.
COUNT_CAP = 10_000


def categories_in_order(active_only=True):
    """Categories by theme then position, for forms, filters and the admin page."""
    stmt = select(Category).order_by(Category.theme, Category.position, Category.id)
    if active_only:
        stmt = stmt.where(Category.is_active.is_(True))
    return db.session.scalars(stmt).all()


def category_by_slug(slug):
    return db.session.scalar(select(Category).where(Category.slug == slug))


def districts_by_name(locale="fr"):
    column = getattr(District, f"name_{locale}", District.name_fr)
    return db.session.scalars(select(District).order_by(column, District.id)).all()


def district_by_slug(slug):
    return db.session.scalar(select(District).where(District.slug == slug))


def home_district(user):
    """The district a resident chose in their settings, or None (signed out, or none chosen)."""
    district_id = getattr(user, "district_id", None) if user.is_authenticated else None
    return db.session.get(District, district_id) if district_id else None


def districts_around_point(lat, lng):
    """Districts whose bounding box holds the point: the SQL prefilter before the exact test."""
    return db.session.scalars(
        select(District)
        .where(District.min_lat <= lat, District.max_lat >= lat)
        .where(District.min_lng <= lng, District.max_lng >= lng)
        .order_by(District.id)
    ).all()


def filtered_ideas(statuses=PUBLIC_STATUSES, category=None, district=None, q=None, answer=None):
    """Ideas in `statuses`, narrowed by category, district (objects), the city's answer (a code,
    or NO_ANSWER) and the search `q` (app.ideas.search: each word starts a word of the title or
    description)."""
    stmt = select(Idea).where(Idea.status.in_(statuses)).options(selectinload(Idea.district))
    if answer == NO_ANSWER:
        stmt = stmt.where(Idea.public_status.is_(None))
    elif answer:
        stmt = stmt.where(Idea.public_status == answer)
    if category is not None:
        stmt = stmt.where(Idea.category_id == category.id)
    if district is not None:
        stmt = stmt.where(Idea.district_id == district.id)
    if searching(q):
        stmt = stmt.where(matching(q, statuses, connection=db.session.connection()))
    return stmt


def sorted_ideas(stmt, sort="supported", near=None):
    """Most supported (then latest), newest, or nearest to `near=(lat, lng)` (equirectangular, in SQL)."""
    if sort == "near" and near is not None:
        lat, lng = near
        scale = math.cos(math.radians(lat))
        dlat = Idea.lat - lat
        dlng = (Idea.lng - lng) * scale
        unplaced_last = case((Idea.lat.is_(None), 1), else_=0)
        return stmt.order_by(unplaced_last, dlat * dlat + dlng * dlng, Idea.id)
    if sort == "newest":
        return stmt.order_by(Idea.created_at.desc(), Idea.id.desc())
    # Ties: the latest proposed first (ids grow with time); the API pages in the same order.
    return stmt.order_by(Idea.support_count.desc(), Idea.id.desc())


def filtered_page(
    statuses, category, district, q, sort="supported", near=None, page=1, per_page=PER_PAGE, answer=None
):
    """One page of `filtered_ideas` in `sort` order; a search is counted from the word index
    (which knows nothing of answers: with an answer, the filtered rows are counted)."""
    filtered = filtered_ideas(statuses, category, district, q, answer)
    result = db.paginate(
        sorted_ideas(filtered, sort, near), page=page, per_page=per_page, error_out=False, count=False
    )
    if searching(q) and not answer:
        result.total = matching_count(
            db.session.connection(),
            q,
            statuses,
            category.id if category is not None else None,
            district.id if district is not None else None,
            cap=COUNT_CAP,
        )
    else:
        capped = filtered.with_only_columns(Idea.id).order_by(None).limit(COUNT_CAP + 1).subquery()
        result.total = db.session.scalar(select(func.count()).select_from(capped))
    # `more`: there are more ideas than `total` says (pages go on past the cap all the same).
    result.more = result.total > COUNT_CAP
    result.total = min(result.total, COUNT_CAP)
    return result


def similar_candidates(lat, lng, radius_m=300, exclude_id=None, limit=200):
    """Published ideas in the box around the point (the SQL prefilter of the duplicate hint)."""
    west, south, east, north = bbox_around(lat, lng, radius_m)
    stmt = (
        select(Idea)
        .where(Idea.status == IdeaStatus.PUBLISHED.value)
        .where(Idea.lat.between(south, north), Idea.lng.between(west, east))
        .order_by(Idea.support_count.desc(), Idea.id)
        .limit(limit)
    )
    if exclude_id is not None:
        stmt = stmt.where(Idea.id != exclude_id)
    return db.session.scalars(stmt).all()


def published_since(moment):
    """How many ideas were published since `moment`."""
    return db.session.scalar(
        select(func.count(Idea.id)).where(
            Idea.status == IdeaStatus.PUBLISHED.value, Idea.published_at >= moment
        )
    )


def latest_published(limit=5):
    return db.session.scalars(
        select(Idea)
        .where(Idea.status == IdeaStatus.PUBLISHED.value)
        .options(selectinload(Idea.district))
        .order_by(Idea.created_at.desc(), Idea.id.desc())
        .limit(limit)
    ).all()


def ideas_of_author(user_id):
    return db.session.scalars(
        select(Idea).where(Idea.author_id == user_id).order_by(Idea.created_at.desc(), Idea.id.desc())
    ).all()


def any_illustrative_district():
    return (
        db.session.scalar(select(District.id).where(District.is_illustrative.is_(True)).limit(1)) is not None
    )
