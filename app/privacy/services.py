"""Privacy use cases: accepting the notice, and deleting an account. Flush, never commit."""

import hashlib
import hmac

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, select

from app.accounts import tokens
from app.accounts.mails import forget_mails
from app.accounts.models import Role, User, new_session_token
from app.accounts.passwords import check_password
from app.comments.services import forget_author as forget_comments
from app.core.time import utcnow
from app.creathon.services import remove_facilitator
from app.extensions import db
from app.follows.services import forget_user as forget_follows
from app.ideas import services as idea_services
from app.ideas.lifecycle import IDEAS, PUBLISHED
from app.ideas.models import Idea
from app.moderation.comment_decisions import withdraw_open_comment_reports
from app.moderation.edits import drop_pending_edits
from app.moderation.reporting import withdraw_open_reports
from app.notifications.services import forget_user
from app.privacy.models import Consent
from app.projects.services import forget_follower
from app.relays.services import forget_relay, forget_resident
from app.votes.services import withdraw_all_supports

DELETE_PURPOSE = "privacy.delete-account"
# A password hash no password matches (argon2 refuses to read it): the account cannot sign in.
NO_PASSWORD = "!deleted"  # noqa: S105 (a marker, not a secret)


class PrivacyError(Exception):
    """A use case refused; the message is safe to show the resident."""


# Notice and consent


def current_version():
    return current_app.config["PRIVACY_NOTICE_VERSION"]


def has_accepted(user, version=None):
    """Whether `user` accepted `version` of the notice (the current one by default)."""
    version = version or current_version()
    found = db.session.execute(
        select(Consent.id).where(Consent.user_id == user.id, Consent.notice_version == version)
    ).first()
    return found is not None


def accept_notice(user, version=None):
    """Record that `user` accepted `version` (the current one by default); once per version."""
    version = version or current_version()
    if not has_accepted(user, version):
        db.session.add(Consent(user_id=user.id, notice_version=version, accepted_at=utcnow()))
        db.session.flush()


def consents_of(user):
    return db.session.scalars(select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)).all()


# Deletion


def pseudonym(user_id):
    """The name a deleted account keeps in the moderation history: stable for one account, and
    keyed with the SECRET_KEY, so that nobody can work back from it to the person."""
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"agora.pseudonym:{user_id}".encode(), hashlib.sha256).hexdigest()
    return f"Participant {digest[:6]}"


def check_deletion_password(user, password):
    if not check_password(user.password_hash, password or ""):
        raise PrivacyError(_l("Your password is not correct."))


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=DELETE_PURPOSE)


def deletion_token(user):
    """The signed token of the link that confirms a deletion by mail. It carries a digest of
    the session token: signing out everywhere voids it, and so does the deletion itself."""
    return _serializer().dumps({"uid": user.id, "st": tokens.fingerprint(DELETE_PURPOSE, user.session_token)})


def user_for_deletion(token):
    """The account a deletion link is for; raises PrivacyError when expired or not valid."""
    max_age = current_app.config["DELETE_TOKEN_MAX_AGE"].total_seconds()
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise PrivacyError(_l("This link has expired. Ask for a new one from your account page.")) from error
    except BadSignature as error:
        raise PrivacyError(_l("This link is not valid. Check that you copied it completely.")) from error
    uid = payload.get("uid") if isinstance(payload, dict) else None
    user = db.session.get(User, uid) if isinstance(uid, int) else None
    if (
        user is None
        or user.is_deleted
        or not tokens.matches(tokens.fingerprint(DELETE_PURPOSE, user.session_token), payload.get("st"))
    ):
        raise PrivacyError(_l("This link is not valid any more. Ask for a new one from your account page."))
    return user


def delete_account(user, keep_ideas):
    """Erase what identifies `user` at once and keep the row, under a pseudonym, for the
    moderation history that refers to it. Supports go through the votes feature (counters and
    map stay exact); waiting ideas are withdrawn, and published ones too unless `keep_ideas`
    (they then read "a former participant"). Returns the photo files the caller removes after
    the commit, and the pseudonym."""
    if user.is_deleted:
        raise PrivacyError(_l("This account is already deleted."))
    withdraw_all_supports(user)
    photos = []
    ideas = db.session.scalars(select(Idea).where(Idea.author_id == user.id).order_by(Idea.id)).all()
    for idea in ideas:
        waiting_or_withdrawn = not keep_ideas or idea.status != PUBLISHED
        if waiting_or_withdrawn and IDEAS.can(idea, "withdraw"):
            idea_services.withdraw_idea(idea, user)
        if idea.status != PUBLISHED and idea.photo:
            photos.append(idea.photo)
            idea.photo = None
    # Each table through the feature that owns it.
    drop_pending_edits(user.id)
    withdraw_open_reports(user.id)
    withdraw_open_comment_reports(user.id)
    forget_comments(user.id)
    forget_follows(user.id)
    forget_user(user.id)
    forget_follower(user.id)
    remove_facilitator(user.id)
    forget_mails(user.id)
    forget_resident(user.id)
    forget_relay(user.id)
    db.session.execute(delete(Consent).where(Consent.user_id == user.id))
    name = pseudonym(user.id)
    user.email = None
    user.display_name = name
    user.password_hash = NO_PASSWORD
    user.session_token = new_session_token()
    user.email_verified_at = None
    user.role = Role.CITIZEN.value
    idea_services.set_home_district(user, None)
    user.deleted_at = utcnow()
    db.session.flush()
    return photos, name
