"""Read-only account queries."""

from sqlalchemy import func, or_
from sqlalchemy.orm import selectinload

from app.accounts.models import ROLE_VALUES, AccountChange, User
from app.extensions import db


def _like_pattern(text):
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def account_changes(limit=50):
    """The latest role changes and blocks made by admins, newest first."""
    return db.session.scalars(
        db.select(AccountChange)
        .options(selectinload(AccountChange.user), selectinload(AccountChange.actor))
        .order_by(AccountChange.id.desc())
        .limit(limit)
    ).all()


def users_matching(search="", role="", verified="", blocked=""):
    """Users for the admin list, newest first, filtered by email or name, role, verification
    and block (`"yes"`/`"no"`); unknown filter values are ignored."""
    # Deleted accounts keep only a pseudonymous row for the moderation log: nothing to manage.
    query = db.select(User).where(User.deleted_at.is_(None)).order_by(User.created_at.desc(), User.id.desc())
    search = (search or "").strip()
    if search:
        pattern = _like_pattern(search)
        query = query.where(
            or_(
                func.lower(User.email).like(pattern, escape="\\"),
                func.lower(User.display_name).like(pattern, escape="\\"),
            )
        )
    if role in ROLE_VALUES:
        query = query.where(User.role == role)
    if verified == "yes":
        query = query.where(User.email_verified_at.is_not(None))
    elif verified == "no":
        query = query.where(User.email_verified_at.is_(None))
    if blocked == "yes":
        query = query.where(User.is_blocked.is_(True))
    elif blocked == "no":
        query = query.where(User.is_blocked.is_(False))
    return query
