"""The user account and its roles."""

import enum
import secrets

from flask_login import UserMixin
from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db


class Role(enum.StrEnum):
    CITIZEN = "citizen"
    MODERATOR = "moderator"
    FACILITATOR = "facilitator"
    ADMIN = "admin"


ROLE_VALUES = tuple(role.value for role in Role)
# What a moderator may do beyond the queue, granted one by one; admins hold them all.
PERMISSIONS = ("manage_projects",)


def new_session_token():
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    # None once the account is deleted (app/privacy): the row stays, under a pseudonym, for the
    # moderation history that refers to it.
    email = db.Column(db.String(254), unique=True)
    display_name = db.Column(db.String(80), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    language = db.Column(db.String(5), nullable=False, default="fr")
    role = db.Column(db.String(20), nullable=False, default=Role.CITIZEN.value)
    email_verified_at = db.Column(db.DateTime)
    is_blocked = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    # Part of every session and remember-me cookie, and random: a cookie signed with a leaked
    # SECRET_KEY still needs it. A new one (services.end_all_sessions) signs out every device.
    session_token = db.Column(db.String(64), nullable=False, default=new_session_token)
    deleted_at = db.Column(db.DateTime)
    last_login_at = db.Column(db.DateTime)

    __table_args__ = (
        db.CheckConstraint("role IN ('citizen', 'moderator', 'facilitator', 'admin')", name="role_known"),
    )

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    def has_role(self, *roles):
        """True when the user holds one of `roles`; admins hold every role."""
        wanted = {Role(r).value for r in roles}
        return self.role == Role.ADMIN.value or self.role in wanted

    def has_permission(self, permission):
        """Admins hold every permission; moderators those granted to them (`flask users grant`)."""
        if self.role == Role.ADMIN.value:
            return True
        return self.role == Role.MODERATOR.value and permission in self.permission_names

    @property
    def permission_names(self):
        return {grant.permission for grant in self.permissions}

    @property
    def is_staff(self):
        return self.has_role(Role.MODERATOR)

    def get_id(self):
        return f"{self.id}:{self.session_token}"

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class UserPermission(db.Model):
    """One permission granted to a moderator."""

    __tablename__ = "user_permissions"

    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    permission = db.Column(db.String(40), primary_key=True)

    __table_args__ = (
        db.CheckConstraint(
            "permission IN ({})".format(", ".join(f"'{p}'" for p in PERMISSIONS)), name="permission_known"
        ),
    )


User.permissions = db.relationship(UserPermission, lazy="select", cascade="all, delete-orphan")


ACCOUNT_CHANGES = ("role", "block", "unblock")


class AccountChange(db.Model):
    """One change an admin made to an account (a role, a block), for the users admin's log."""

    __tablename__ = "account_changes"

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    actor_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    change = db.Column(db.String(10), nullable=False)
    old_value = db.Column(db.String(20))
    new_value = db.Column(db.String(20))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())

    user = db.relationship(User, foreign_keys=[user_id])
    actor = db.relationship(User, foreign_keys=[actor_id])

    __table_args__ = (
        db.CheckConstraint("change IN ('role', 'block', 'unblock')", name="change_known"),
        db.Index("ix_account_changes_created", "created_at"),
    )
