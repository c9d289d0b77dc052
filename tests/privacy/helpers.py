"""A resident with something of every kind Agora keeps, and a neighbour with the same kinds."""

from dataclasses import dataclass

from app.extensions import db
from app.moderation.models import ModerationAction
from app.moderation.reporting import report_idea
from app.moderation.services import approve_idea, reject_idea
from app.votes.services import cast_vote
from tests.factories import make_category, make_idea, make_user

PHOTO_BYTES = b"\xff\xd8\xff\xe0 a small photo \xff\xd9"


def version(idea):
    db.session.refresh(idea)
    return idea.updated_at


@dataclass
class Resident:
    user: object
    published: object
    pending: object
    rejected: object
    supported: object


def make_resident(app, _db, email, name, language="fr", photo="resident-photo.jpg", tag="A"):
    """`name` with a published idea (and its photo), a pending one and a rejected one; supports
    of their own idea and of another; an open report; the notifications of the decisions."""
    category = make_category()
    moderator = make_user(role="moderator", name=f"Moderator {tag}")
    user = make_user(email=email, name=name, language=language)
    published = make_idea(author=user, category=category, status="pending", title=f"Benches {tag}")
    approve_idea(published, moderator, version(published))
    published.photo = photo
    upload = app.config["UPLOAD_DIR"]
    upload.mkdir(parents=True, exist_ok=True)
    (upload / photo).write_bytes(PHOTO_BYTES)
    pending = make_idea(author=user, category=category, status="pending", title=f"Trees {tag}")
    rejected = make_idea(author=user, category=category, status="pending", title=f"Off topic {tag}")
    reject_idea(rejected, moderator, version(rejected), "off_topic", "Not a municipal matter.")
    supported = make_idea(category=category, title=f"Someone's idea {tag}")
    cast_vote(user, published)
    cast_vote(user, supported)
    report_idea(supported, user, "spam", details=f"Reported by {name}", threshold=10)
    db.session.commit()
    return Resident(user, published, pending, rejected, supported)


def audit_rows_about(db, user):
    return db.session.scalars(
        db.select(ModerationAction).where(ModerationAction.target_user_id == user.id)
    ).all()
