"""Forms for registration, sign-in, password reset, account settings and user administration."""

from types import SimpleNamespace

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from app.accounts.models import ROLE_VALUES
from app.accounts.passwords import password_problem

# Each language named in itself, marked with its own `lang` for screen readers.
LANGUAGE_CHOICES = [
    SelectChoice(code, name, render_kw={"lang": code})
    for code, name in (("fr", "Français"), ("ar", "العربية"), ("en", "English"))
]
ROLE_LABELS = {
    "citizen": _l("Citizen"),
    "moderator": _l("Moderator"),
    "facilitator": _l("Facilitator"),
    "admin": _l("Administrator"),
}
ROLE_CHOICES = [(role, ROLE_LABELS[role]) for role in ROLE_VALUES]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class HardToGuess:
    """Refuses passwords equal to the account's email or among the most common ones. The email
    comes from the form's `email` field, or from `form.account_email` set by the view."""

    def __call__(self, form, field):
        email = form.email.data if "email" in form else getattr(form, "account_email", "")
        problem = password_problem(field.data, email)
        if problem:
            raise ValidationError(problem)


def new_password_rules():
    return [
        InputRequired(message=_l("Enter a password.")),
        Length(min=10, max=128, message=_l("Use between 10 and 128 characters.")),
        HardToGuess(),
    ]


def confirm_rules():
    return [
        InputRequired(message=_l("Repeat your password.")),
        EqualTo("password", message=_l("The two passwords do not match.")),
    ]


class AccountEmail(Email):
    """email-validator's check, except that the domains in EMAIL_TEST_DOMAINS (development
    only: the demo accounts' agora.local, app/config.py) pass as if they were public."""

    def __call__(self, form, field):
        local, at, domain = (field.data or "").rpartition("@")
        if at and domain.lower() in current_app.config.get("EMAIL_TEST_DOMAINS", ()):
            # The local part is still checked, on a domain email-validator accepts.
            field = SimpleNamespace(data=f"{local}@example.org", gettext=field.gettext)
        super().__call__(form, field)


def display_name_field():
    return StringField(
        _l("Display name"),
        description=_l("Shown next to your ideas. You can use a first name or a nickname."),
        validators=[
            InputRequired(message=_l("Enter a display name.")),
            Length(min=2, max=80, message=_l("Use between 2 and 80 characters.")),
        ],
    )


def email_field():
    return EmailField(
        _l("Email"),
        validators=[
            InputRequired(message=_l("Enter your email address.")),
            AccountEmail(message=_l("Enter a valid email address."), check_deliverability=False),
            Length(max=254, message=_l("Use at most 254 characters.")),
        ],
        filters=[_strip],
    )


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[InputRequired(message=_l("Enter your email address."))], filters=[_strip]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(message=_l("Enter your password."))])
    remember = BooleanField(_l("Keep me signed in on this device"))


class RegisterForm(FlaskForm):
    email = email_field()
    display_name = display_name_field()
    password = PasswordField(
        _l("Password"),
        description=_l("At least 10 characters. Avoid common passwords and your email address."),
        validators=new_password_rules(),
    )
    confirm = PasswordField(_l("Confirm password"), validators=confirm_rules())
    language = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES)
    accept_privacy = BooleanField(
        _l("I have read the privacy notice"),
        validators=[InputRequired(message=_l("Read and accept the privacy notice to create an account."))],
    )


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), description=_l("At least 10 characters."), validators=new_password_rules()
    )
    confirm = PasswordField(_l("Confirm the new password"), validators=confirm_rules())


class ProfileForm(FlaskForm):
    display_name = display_name_field()
    language = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES)


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(message=_l("Enter your current password."))]
    )
    password = PasswordField(
        _l("New password"), description=_l("At least 10 characters."), validators=new_password_rules()
    )
    confirm = PasswordField(_l("Confirm the new password"), validators=confirm_rules())


class UserSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter: nothing changes

    q = SearchField(_l("Email or name"), validators=[Length(max=254)])
    role = SelectField(
        _l("Role"), choices=[SelectChoice(v, label) for v, label in [("", _l("All roles")), *ROLE_CHOICES]]
    )
    verified = SelectField(
        _l("Verification"),
        choices=[
            SelectChoice("", _l("All")),
            SelectChoice("yes", _l("Verified")),
            SelectChoice("no", _l("Not verified")),
        ],
    )
    blocked = SelectField(
        _l("Blocked"),
        choices=[
            SelectChoice("", _l("All")),
            SelectChoice("yes", _l("Blocked accounts")),
            SelectChoice("no", _l("Accounts not blocked")),
        ],
    )


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(v, label) for v, label in ROLE_CHOICES])
    next = HiddenField()


class BlockAccountForm(FlaskForm):
    """Block or unblock, from the users admin."""

    next = HiddenField()
