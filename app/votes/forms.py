"""The admin form for the supporting round's settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectMultipleField
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class VoteSettingsForm(FlaskForm):
    is_open = BooleanField(_l("Supporting is open"))
    max_per_user = IntegerField(
        _l("Maximum number of supports per person"),
        description=_l("Leave empty for no maximum. Withdrawing a support gives it back."),
        validators=[
            Optional(),
            NumberRange(min=1, max=100000, message=_l("Enter a whole number between 1 and 100000.")),
        ],
    )
    closed_categories = SelectMultipleField(
        _l("Categories where supporting is closed"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
