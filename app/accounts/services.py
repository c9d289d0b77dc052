"""Account use cases. They flush and never commit; the caller commits."""

from flask_babel import lazy_gettext as _l

from app.accounts import mails, tokens
from app.accounts.models import (
    PERMISSIONS,
    ROLE_VALUES,
    AccountChange,
    Role,
    User,
    UserPermission,
    new_session_token,
)
from app.accounts.passwords import check_password, check_password_without_account, hash_password
from app.accounts.signals import account_registered, email_verified
from app.core.time import utcnow
from app.extensions import db


class AccountError(Exception):
    """A use case refused; the message is safe to show the user."""


class EmailTaken(AccountError):
    """Raised to the command line only: web pages must not reveal that an address is known."""


class LinkExpired(AccountError):
    pass


class LinkInvalid(AccountError):
    pass


class LinkUsed(AccountError):
    pass


class WrongPassword(AccountError):
    pass


class OwnAdminRole(AccountError):
    pass


def normalise_email(email):
    return (email or "").strip().lower()


def find_by_email(email):
    return db.session.execute(
        db.select(User).where(User.email == normalise_email(email))
    ).scalar_one_or_none()


def create_user(
    email, display_name, password, language="fr", role="citizen", verified=False, password_hash=None
):
    """A new account; raises EmailTaken when the email is taken, AccountError for an unknown role."""
    if role not in ROLE_VALUES:
        raise AccountError(_l("Unknown role."))
    if find_by_email(email) is not None:
        raise EmailTaken(_l("An account already uses this email address."))
    user = User(
        email=normalise_email(email),
        display_name=display_name.strip(),
        password_hash=password_hash or hash_password(password),
        language=language,
        role=role,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def register(email, display_name, password, language):
    """Sign-up from the web: the new account and its verification mail, or, when the address
    already has an account, a warning to its owner. Returns the new user or None; callers
    must answer both cases the same way."""
    # Hash before looking the address up, so that both outcomes cost the same time.
    password_hash = hash_password(password)
    try:
        user = create_user(email, display_name, password, language, password_hash=password_hash)
    except EmailTaken:
        mails.send_already_registered(find_by_email(email))
        return None
    account_registered.send(user)
    mails.send_verification(user, verification_token(user))
    return user


def verification_token(user):
    """The signed token of `user`'s email-verification link."""
    return tokens.make_token(tokens.VERIFY_EMAIL, _verify_payload(user))


def reset_token(user):
    """The signed token of `user`'s password-reset link; it dies with the password."""
    payload = {"uid": user.id, "pw": _password_fingerprint(tokens.RESET_PASSWORD, user)}
    return tokens.make_token(tokens.RESET_PASSWORD, payload)


def _verify_payload(user):
    # The address is part of the token so that a link only ever verifies the address it went to.
    return {"uid": user.id, "email": user.email, "pw": _password_fingerprint(tokens.VERIFY_EMAIL, user)}


def _password_fingerprint(purpose, user):
    # Mailed links carry a digest of the password hash, which holds a random salt: without the
    # database, even someone who learnt the SECRET_KEY cannot make one. A new password voids
    # every link sent before, which makes reset links single-use.
    return tokens.fingerprint(purpose, user.password_hash)


def resend_verification(user):
    """A fresh verification link for an unverified user; False when already verified."""
    if user.is_verified:
        return False
    mails.send_verification(user, verification_token(user))
    return True


def verify_email(token):
    """Mark the address in `token` verified; raises LinkExpired, LinkInvalid or LinkUsed."""
    payload = _read(tokens.VERIFY_EMAIL, token)
    user = db.session.get(User, payload.get("uid")) if isinstance(payload.get("uid"), int) else None
    if (
        user is None
        or user.email != payload.get("email")
        or not tokens.matches(_password_fingerprint(tokens.VERIFY_EMAIL, user), payload.get("pw"))
    ):
        raise LinkInvalid(_l("This link is not valid. Check that you copied it completely."))
    if user.is_verified:
        raise LinkUsed(_l("This link was already used: your email address is verified."))
    user.email_verified_at = utcnow()
    db.session.flush()
    email_verified.send(user)
    return user


def _read(purpose, token):
    try:
        return tokens.read_token(purpose, token)
    except tokens.TokenExpired as error:
        raise LinkExpired(_l("This link has expired.")) from error
    except tokens.TokenInvalid as error:
        raise LinkInvalid(_l("This link is not valid. Check that you copied it completely.")) from error


def authenticate(email, password):
    """The user with these credentials, or None; the same work either way."""
    user = find_by_email(email)
    if user is None:
        # One check against a dummy hash: the response time does not tell whether the email exists.
        check_password_without_account(password)
        return None
    return user if check_password(user.password_hash, password) else None


def request_password_reset(email):
    """Mail a reset link when `email` has an account; silent otherwise (the page says the same)."""
    user = find_by_email(email)
    if user is None:
        return None
    mails.send_password_reset(user, reset_token(user))
    return user


def user_for_reset(token):
    """The account a reset link is for; raises LinkExpired, LinkInvalid or LinkUsed."""
    payload = _read(tokens.RESET_PASSWORD, token)
    uid = payload.get("uid")
    user = db.session.get(User, uid) if isinstance(uid, int) else None
    if user is None:
        raise LinkInvalid(_l("This link is not valid. Check that you copied it completely."))
    if not tokens.matches(_password_fingerprint(tokens.RESET_PASSWORD, user), payload.get("pw")):
        raise LinkUsed(_l("This link was already used or your password changed since it was sent."))
    return user


def reset_password(token, new_password):
    """Set the password chosen from a reset link; the link and every session stop working."""
    user = user_for_reset(token)
    _set_password(user, new_password)
    # Opening the link proves the user reads this mailbox.
    newly_verified = not user.is_verified
    if newly_verified:
        user.email_verified_at = utcnow()
    db.session.flush()
    if newly_verified:
        email_verified.send(user)
    return user


def change_password(user, current_password, new_password):
    """Change the password from the settings page; raises WrongPassword."""
    if not check_password(user.password_hash, current_password):
        raise WrongPassword(_l("Your current password is not correct."))
    _set_password(user, new_password)
    db.session.flush()
    return user


def _set_password(user, new_password):
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)
    mails.send_password_changed(user)


def end_all_sessions(user):
    """Every session and remember-me cookie of `user` stops working, on every device: sign-out,
    "sign out everywhere", a new password or a new role."""
    user.session_token = new_session_token()
    db.session.flush()
    return user


def block(user):
    """Block an account: it can no longer post, support or report, and every session it has
    ends (a blocked resident keeps nothing signed in)."""
    user.is_blocked = True
    return end_all_sessions(user)


def record_login(user):
    """Remember when the account last signed in (shown to admins)."""
    user.last_login_at = utcnow()
    db.session.flush()


def _log_change(actor, user, change, old_value=None, new_value=None):
    db.session.add(
        AccountChange(
            user_id=user.id, actor_id=actor.id, change=change, old_value=old_value, new_value=new_value
        )
    )
    db.session.flush()


def admin_block(actor, user):
    """An admin blocks an account from the users admin; staff accounts lose their role first."""
    if user.id == actor.id or user.is_staff:
        raise AccountError(_l("Staff accounts cannot be blocked: change their role first."))
    if user.is_blocked:
        raise AccountError(_l("This account is already blocked."))
    block(user)
    _log_change(actor, user, "block")
    return user


def admin_unblock(actor, user):
    """An admin lifts a block: the account can post and support again (it signs in anew)."""
    if not user.is_blocked:
        raise AccountError(_l("This account is not blocked."))
    user.is_blocked = False
    _log_change(actor, user, "unblock")


def set_language(user, language):
    user.language = language
    db.session.flush()
    return user


def update_profile(user, display_name, language):
    user.display_name = display_name.strip()
    user.language = language
    db.session.flush()
    return user


def set_role(user, role):
    if role not in ROLE_VALUES:
        raise AccountError(_l("Unknown role."))
    if user.role != role:
        user.role = role
        # Sessions opened under the old role end: a cookie taken before a promotion never
        # becomes a moderator's or an admin's.
        end_all_sessions(user)
    db.session.flush()
    return user


def change_role(actor, user, role):
    """An admin changes a role; an admin cannot drop their own admin role (no lock-out)."""
    if actor.id == user.id and role != Role.ADMIN.value:
        raise OwnAdminRole(_l("You cannot remove your own admin role. Ask another admin to do it."))
    old = user.role
    set_role(user, role)
    if old != user.role:
        _log_change(actor, user, "role", old, user.role)
    return user


def grant_permission(user, permission, granted=True):
    """Grant (or withdraw) a moderator's permission; only moderators hold granted permissions."""
    if permission not in PERMISSIONS:
        raise AccountError(_l("Unknown permission."))
    if granted and user.role != Role.MODERATOR.value:
        raise AccountError(_l("Only moderators receive permissions; admins hold them all."))
    held = {grant.permission: grant for grant in user.permissions}
    if granted and permission not in held:
        user.permissions.append(UserPermission(permission=permission))
    elif not granted and permission in held:
        user.permissions.remove(held[permission])
    db.session.flush()
    return user
