"""The comment forms (the templates write their fields by hand: a page holds one per comment)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from app.comments.text import MAX_LENGTH

STANCE_LABELS = {"for": _l("For"), "against": _l("Against"), "neutral": _l("Neutral")}
BODY = [
    InputRequired(_l("Write your comment (at least 2 characters).")),
    Length(min=2, max=MAX_LENGTH, message=_l("Use between 2 and 3,000 characters.")),
]


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=BODY)
    stance = RadioField(
        _l("Your position (optional)"),
        choices=[SelectChoice("", _l("No position"))]
        + [SelectChoice(code, label) for code, label in STANCE_LABELS.items()],
        default="",
        validators=[Optional()],
    )
    language = SelectField(
        _l("Language of your comment"),
        choices=[
            SelectChoice("", _l("Detect it")),
            SelectChoice("fr", "Français"),
            SelectChoice("ar", "العربية"),
            SelectChoice("en", "English"),
        ],
        default="",
        validators=[Optional()],
    )
    parent_id = HiddenField()
    official = BooleanField(_l("Answer as the city"))
    next = HiddenField()


class EditCommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=BODY)
    stance = CommentForm.stance
