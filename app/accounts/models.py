"""The user account and its roles."""
import enum
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import func

from app.extensions import db


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


class Role(str, enum.Enum):
    CITIZEN = "citizen"
    MODERATOR = "moderator"
    FACILITATOR = "facilitator"
    ADMIN = "admin"


ROLE_VALUES = tuple(role.value for role in Role)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), nullable=False, unique=True)
    display_name = db.Column(db.String(80), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    language = db.Column(db.String(5), nullable=False, default="fr")
    role = db.Column(db.String(20), nullable=False, default=Role.CITIZEN.value)
    email_verified_at = db.Column(db.DateTime)
    is_blocked = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    # Bumped on password change: signed reset links and sessions issued before stop working.
    security_stamp = db.Column(db.Integer, nullable=False, default=0, server_default="0")

    __table_args__ = (
        db.CheckConstraint(
            "role IN ('citizen', 'moderator', 'facilitator', 'admin')", name="role_known"
        ),
    )

    @property
    def is_verified(self):
        return self.email_verified_at is not None

    def has_role(self, *roles):
        """True when the user holds one of `roles`; admins hold every role."""
        wanted = {Role(r).value for r in roles}
        return self.role == Role.ADMIN.value or self.role in wanted

    @property
    def is_staff(self):
        return self.has_role(Role.MODERATOR)

    def get_id(self):
        # The stamp in the session id signs out other sessions after a password change.
        return f"{self.id}:{self.security_stamp}"

    def __repr__(self):
        return f"<User {self.id} {self.role}>"
