"""Account use cases. They flush and never commit; the caller commits."""
from flask_babel import lazy_gettext as _l

from app.accounts.models import ROLE_VALUES, User, utcnow
from app.accounts.passwords import check_password, hash_password
from app.extensions import db


class AccountError(Exception):
    """A use case refused; the message is safe to show the user."""


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.execute(
        db.select(User).where(User.email == normalise_email(email))
    ).scalar_one_or_none()


def create_user(email, display_name, password, language="fr", role="citizen", verified=False):
    """A new account; raises AccountError when the email is taken or the role unknown."""
    if role not in ROLE_VALUES:
        raise AccountError(_l("Unknown role."))
    if find_by_email(email) is not None:
        raise AccountError(_l("An account already uses this email address."))
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        language=language,
        role=role,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email, password):
    """The user with these credentials, or None; the same work either way."""
    user = find_by_email(email)
    if user is None:
        # Hash anyway so that response time does not reveal whether the email exists.
        check_password(hash_password("timing-equaliser"), password)
        return None
    return user if check_password(user.password_hash, password) else None


def set_role(user, role):
    if role not in ROLE_VALUES:
        raise AccountError(_l("Unknown role."))
    user.role = role
    db.session.flush()
    return user
