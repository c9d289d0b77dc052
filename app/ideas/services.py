"""Use cases on ideas: place, submit, edit, withdraw, find look-alikes; categories for admins."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert

from app.core.time import utcnow
from app.extensions import db
from app.geometry.distance import distance_m
from app.ideas.districts import district_for_point
from app.ideas.lifecycle import IDEAS, IdeaStatus
from app.ideas.models import Category, Idea, IdeaSource
from app.ideas.photos import remove_photo, store_photo
from app.ideas.queries import similar_candidates
from app.ideas.similarity import similarity

DUPLICATE_RADIUS_M = 300
DUPLICATE_THRESHOLD = 0.3


class LocationRejected(ValueError):
    """The place given for an idea is unusable; `field` names the form field to blame."""

    def __init__(self, field, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


class IdeaNotEditable(PermissionError):
    """Only the author may change an idea, and only while it waits for moderation."""


@dataclass
class Location:
    lat: float
    lng: float
    approximate: bool
    district: object
    place_label: str | None


def locate(area, lat=None, lng=None, district=None, place_label=None):
    """A pin inside the service area, or a district and words (then approximate, at the
    district's centre)."""
    place_label = (place_label or "").strip() or None
    if lat is not None and lng is not None:
        if not area.contains(lat, lng):
            raise LocationRejected(
                "lat", _l("This point is outside the area Agora covers. Place the idea inside the city.")
            )
        return Location(lat, lng, False, district_for_point(lat, lng), place_label)
    if district is not None:
        if not place_label:
            raise LocationRejected("place_label", _l("Describe the place in a few words."))
        return Location(district.center_lat, district.center_lng, True, district, place_label)
    raise LocationRejected(
        "lat", _l("Place the idea on the map, or choose a district and describe the place.")
    )


@dataclass(frozen=True)
class IdeaDraft:
    """What an author sends: the text, the category, the place and perhaps a processed photo."""

    title: str
    description: str
    category: object
    location: Location
    photo: object = None


def similar_ideas(lat, lng, title, exclude_id=None, limit=5):
    """Published ideas within about 300 m whose titles look like `title`, most alike first."""
    found = []
    for idea in similar_candidates(lat, lng, DUPLICATE_RADIUS_M, exclude_id=exclude_id):
        if distance_m(lat, lng, idea.lat, idea.lng) > DUPLICATE_RADIUS_M:
            continue
        score = similarity(title, idea.title)
        if score >= DUPLICATE_THRESHOLD:
            found.append((score, idea))
    found.sort(key=lambda pair: (-pair[0], -pair[1].support_count, pair[1].id))
    return [idea for _score, idea in found[:limit]]


def _apply(idea, draft):
    location = draft.location
    idea.title = draft.title.strip()
    idea.description = draft.description.strip()
    idea.category = draft.category
    idea.lat, idea.lng = location.lat, location.lng
    idea.approximate = location.approximate
    idea.district = location.district
    idea.place_label = location.place_label


def submit_idea(author, draft, *, language, upload_dir, premoderation=True):
    """Create the idea (pending, or published at once without pre-moderation). The photo
    file is written last, after the row is flushed; the caller removes it if commit fails."""
    idea = Idea(author=author, source=IdeaSource.CITIZEN.value, language=language)
    _apply(idea, draft)
    if premoderation:
        idea.status = IdeaStatus.PENDING
    else:
        idea.status = IdeaStatus.PUBLISHED
        idea.published_at = utcnow()
    db.session.add(idea)
    db.session.flush()
    if draft.photo is not None:
        _attach_photo(idea, upload_dir, draft.photo)
    return idea


def _attach_photo(idea, upload_dir, photo):
    # The last step of a use case: nothing after it can fail and leave the file orphaned.
    name = store_photo(upload_dir, photo)
    try:
        idea.photo = name
        db.session.flush()
    except Exception:
        remove_photo(upload_dir, name)
        raise


def can_edit(idea, user):
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and idea.author_id == user.id
        and IDEAS.can(idea, "edit")
    )


def update_idea(idea, editor, draft, *, upload_dir, drop_photo=False):
    """Change a pending idea (or one sent back for changes, which goes back to pending).
    Returns the name of the photo file that the caller deletes once the change is committed."""
    if not can_edit(idea, editor):
        raise IdeaNotEditable()
    _apply(idea, draft)
    idea.status = IDEAS.target("edit")
    replaced = None
    if draft.photo is not None or drop_photo:
        replaced, idea.photo = idea.photo, None
    db.session.flush()
    if draft.photo is not None:
        _attach_photo(idea, upload_dir, draft.photo)
    return replaced


def withdraw_idea(idea, user):
    """The author takes their idea back; it leaves every public page."""
    if user is None or idea.author_id != user.id or not IDEAS.can(idea, "withdraw"):
        raise IdeaNotEditable()
    idea.status = IDEAS.target("withdraw")
    db.session.flush()
    return idea


IMPORTED_FIELDS = (
    "title",
    "description",
    "category_id",
    "lat",
    "lng",
    "approximate",
    "place_label",
    "district_id",
    "language",
    "public_status",
)


def add_imported_ideas(values):
    """Create many ideas in one INSERT (an import of créathon outcomes); their ids, in order."""
    return db.session.scalars(insert(Idea).returning(Idea.id, sort_by_parameter_order=True), values).all()


def revise_imported_idea(idea, **fields):
    """Bring an imported idea up to a newer version of its row (text, category, place)."""
    unknown = set(fields) - set(IMPORTED_FIELDS)
    if unknown:
        raise TypeError(f"not an imported field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(idea, name, value)


def discard_photo(upload_dir, name):
    """Remove a photo file written for a change that was not committed."""
    remove_photo(upload_dir, name)


def save_category(category, *, slug, theme, name_fr, name_ar, name_en, color, position, is_active):
    """Create (category=None) or update a category."""
    if category is None:
        category = Category()
        db.session.add(category)
    category.slug = slug
    category.theme = theme
    category.name_fr, category.name_ar, category.name_en = name_fr.strip(), name_ar.strip(), name_en.strip()
    category.color = color.lower()
    category.position = position
    category.is_active = is_active
    db.session.flush()
    return category
