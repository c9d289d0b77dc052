"""Following forms: follow or unfollow a thing, and the resident's email choices."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired

from app.follows.models import TARGETS


class FollowForm(FlaskForm):
    target = HiddenField(validators=[AnyOf(TARGETS, message=_l("This cannot be followed."))])
    target_id = IntegerField(validators=[InputRequired(_l("This cannot be followed."))])
    next = HiddenField()


class FollowSettingsForm(FlaskForm):
    digest = RadioField(
        _l("Digest of what you follow"),
        choices=[
            SelectChoice("daily", _l("Every day")),
            SelectChoice("weekly", _l("Every week")),
            SelectChoice("never", _l("Never")),
        ],
        validators=[DataRequired(_l("Choose how often to receive the digest."))],
    )
    immediate = BooleanField(_l("Email me at once about replies to my comments and the city's answers"))
    follow_supported = BooleanField(_l("Follow the ideas I support"))
