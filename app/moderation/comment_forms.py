"""Forms for reporting a comment (the decisions reuse the ideas' forms)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, Optional

from app.moderation.forms import MESSAGE_LENGTH, _choices
from app.moderation.labels import REPORT_REASON_LABELS


class CommentReportForm(FlaskForm):
    reason = RadioField(
        _l("Reason"),
        choices=_choices(REPORT_REASON_LABELS),
        validators=[DataRequired(_l("Choose a reason from the list."))],
    )
    details = TextAreaField(
        _l("Details (required for “Other reason”)"), validators=[Optional(), MESSAGE_LENGTH]
    )
