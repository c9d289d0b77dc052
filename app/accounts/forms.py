"""Forms for registration, sign-in, password reset and account settings."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length

LANGUAGE_CHOICES = [("fr", "Français"), ("ar", "العربية"), ("en", "English")]
PASSWORD_RULES = [
    InputRequired(message=_l("Enter a password.")),
    Length(min=10, max=128, message=_l("Use between 10 and 128 characters.")),
]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(message=_l("Enter your email address."))])
    password = PasswordField(_l("Password"), validators=[InputRequired(message=_l("Enter your password."))])
    remember = BooleanField(_l("Keep me signed in on this device"))


class RegisterForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[
            InputRequired(message=_l("Enter your email address.")),
            Email(message=_l("Enter a valid email address."), check_deliverability=False),
            Length(max=254),
        ],
    )
    display_name = StringField(
        _l("Display name"),
        description=_l("Shown next to your ideas. You can use a first name or a nickname."),
        validators=[
            InputRequired(message=_l("Enter a display name.")),
            Length(min=2, max=80, message=_l("Use between 2 and 80 characters.")),
        ],
    )
    password = PasswordField(
        _l("Password"), description=_l("At least 10 characters."), validators=PASSWORD_RULES
    )
    confirm = PasswordField(
        _l("Confirm password"),
        validators=[
            InputRequired(message=_l("Repeat your password.")),
            EqualTo("password", message=_l("The two passwords do not match.")),
        ],
    )
    language = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES)
