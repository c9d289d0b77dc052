"""Forms of the privacy pages: accepting the notice, deleting the account."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, SelectChoice
from wtforms.validators import InputRequired

KEEP, WITHDRAW = "keep", "withdraw"


def ideas_choice():
    return RadioField(
        _l("Your published ideas"),
        choices=[
            SelectChoice(KEEP, _l('Keep them online, signed "a former participant"')),
            SelectChoice(WITHDRAW, _l("Withdraw them from the site")),
        ],
        default=KEEP,
        validators=[InputRequired(message=_l("Choose what happens to your published ideas."))],
    )


class AcceptNoticeForm(FlaskForm):
    accept = BooleanField(
        _l("I have read the privacy notice"),
        validators=[InputRequired(message=_l("Accept the privacy notice to go on using your account."))],
    )
    next = HiddenField()


class DeleteAccountForm(FlaskForm):
    ideas = ideas_choice()
    password = PasswordField(
        _l("Your password"), validators=[InputRequired(message=_l("Enter your password to confirm."))]
    )


class DeleteByLinkForm(FlaskForm):
    """Asks for a confirmation link by mail (accounts without a password they know)."""


class DeleteConfirmForm(FlaskForm):
    ideas = ideas_choice()
