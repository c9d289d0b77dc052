"""Forms for the queue filters, the decisions, reports and the city's answers."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.moderation.labels import (
    HIDE_REASON_LABELS,
    PUBLIC_STATUS_LABELS,
    REJECT_REASON_LABELS,
    REPORT_REASON_LABELS,
    REPORT_TARGET_LABELS,
    SIGNATURE_LABELS,
)

MESSAGE_LENGTH = Length(max=2000, message=_l("Keep it under 2,000 characters."))
TEXT_LENGTH = Length(max=1000, message=_l("Keep each text under 1,000 characters."))


def parse_version(value):
    """The idea version a form was built from, or None when it is missing or malformed."""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _choices(labels):
    return [SelectChoice(code, label) for code, label in labels.items()]


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    type = SelectField(
        _l("Type"),
        default="all",
        choices=[
            SelectChoice("all", _l("Everything waiting")),
            SelectChoice("new", _l("New ideas")),
            SelectChoice("creathon", _l("Créathon imports")),
            SelectChoice("reported", _l("Reported ideas")),
            SelectChoice("edit", _l("Corrections to published ideas")),
            SelectChoice("comments", _l("Comments")),
        ],
    )
    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    category = SelectField(_l("Category"), coerce=str, default="")
    district = SelectField(_l("District"), coerce=str, default="")
    assigned = SelectField(
        _l("Held by"),
        default="",
        choices=[
            SelectChoice("", _l("Everyone's items")),
            SelectChoice("mine", _l("My items")),
            SelectChoice("unassigned", _l("Items nobody holds")),
        ],
    )
    age = SelectField(
        _l("Waiting for"),
        default="",
        choices=[
            SelectChoice("", _l("Any time")),
            SelectChoice("1", _l("More than a day")),
            SelectChoice("3", _l("More than 3 days")),
            SelectChoice("7", _l("More than a week")),
            SelectChoice("30", _l("More than a month")),
        ],
    )


class DecisionForm(FlaskForm):
    """Carries the version of the idea the moderator saw."""

    version = HiddenField()


class RejectForm(DecisionForm):
    # No reason is chosen in advance: the moderator picks one every time.
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason")), *_choices(REJECT_REASON_LABELS)],
        validators=[DataRequired(_l("Choose a reason from the list."))],
    )
    message = TextAreaField(_l("Message to the author (optional)"), validators=[Optional(), MESSAGE_LENGTH])


class RequestChangesForm(DecisionForm):
    message = TextAreaField(
        _l("What should the author change?"),
        validators=[DataRequired(_l("Tell the author what to change.")), MESSAGE_LENGTH],
    )


class HideForm(DecisionForm):
    # As for a rejection, the reason is chosen every time: a default would be a silent "spam".
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason")), *_choices(HIDE_REASON_LABELS)],
        validators=[DataRequired(_l("Choose a reason from the list."))],
    )
    message = TextAreaField(_l("Message to the author (optional)"), validators=[Optional(), MESSAGE_LENGTH])


class MergeForm(DecisionForm):
    original = IntegerField(
        _l("Number of the original idea"),
        validators=[
            InputRequired(_l("Give the number of the original idea.")),
            NumberRange(min=1, message=_l("Give the number of the original idea.")),
        ],
    )


class CorrectForm(DecisionForm):
    category = SelectField(_l("Category"), coerce=str)
    lat = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    lng = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    district = SelectField(_l("District"), coerce=str)


class BlockForm(FlaskForm):
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason")), *_choices(HIDE_REASON_LABELS)],
        validators=[DataRequired(_l("Choose a reason from the list."))],
    )
    message = TextAreaField(_l("Message to the person (optional)"), validators=[Optional(), MESSAGE_LENGTH])


class ReportForm(FlaskForm):
    target = RadioField(
        _l("What is the problem about?"),
        choices=_choices(REPORT_TARGET_LABELS),
        default="idea",
        validators=[DataRequired(_l("Choose what you are reporting."))],
    )
    reason = RadioField(
        _l("Reason"),
        choices=_choices(REPORT_REASON_LABELS),
        validators=[DataRequired(_l("Choose a reason from the list."))],
    )
    details = TextAreaField(
        _l("Details (required for “Other reason”)"), validators=[Optional(), MESSAGE_LENGTH]
    )


class PublicStatusForm(FlaskForm):
    status = SelectField(
        _l("Public status"),
        choices=_choices(PUBLIC_STATUS_LABELS),
        validators=[DataRequired(_l("Choose a status from the list."))],
    )
    signature = SelectField(
        _l("Signed by"),
        choices=_choices(SIGNATURE_LABELS),
        default="city",
        validators=[DataRequired(_l("Choose who signs the answer."))],
    )
    # At least one language is required; the service says so (the fields are optional one by one).
    explanation_fr = TextAreaField(
        _l("Public explanation in French"), validators=[Optional(), MESSAGE_LENGTH]
    )
    explanation_ar = TextAreaField(
        _l("Public explanation in Arabic"), validators=[Optional(), MESSAGE_LENGTH]
    )
    explanation_en = TextAreaField(
        _l("Public explanation in English"), validators=[Optional(), MESSAGE_LENGTH]
    )


class ClaimForm(FlaskForm):
    assignee = SelectField(_l("Give to"), coerce=str, validate_choice=False)
    take_over = BooleanField(_l("Take it over if a colleague holds it"))


class NoteForm(FlaskForm):
    body = TextAreaField(
        _l("Private note for the moderators"),
        validators=[DataRequired(_l("Write the note first.")), MESSAGE_LENGTH],
    )


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    moderator = SelectField(_l("Moderator"), coerce=str, default="", validate_choice=False)
    action = SelectField(_l("Action"), coerce=str, default="", validate_choice=False)
    idea = IntegerField(
        _l("Idea number"),
        validators=[Optional(), NumberRange(min=1, max=2**31 - 1, message=_l("Give the number of an idea."))],
    )
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])


class TextsForm(FlaskForm):
    key = HiddenField()
    text_fr = TextAreaField(_l("French"), validators=[Optional(), TEXT_LENGTH])
    text_ar = TextAreaField(_l("Arabic"), validators=[Optional(), TEXT_LENGTH])
    text_en = TextAreaField(_l("English"), validators=[Optional(), TEXT_LENGTH])


class EditProposalForm(FlaskForm):
    """The author's correction to their published idea (same limits as when proposing it)."""

    title = StringField(
        _l("Title"),
        validators=[
            InputRequired(_l("Give your idea a title.")),
            Length(min=5, max=160, message=_l("Use between 5 and 160 characters.")),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        validators=[
            InputRequired(_l("Describe your idea.")),
            Length(min=20, max=5000, message=_l("Use between 20 and 5,000 characters.")),
        ],
    )
    category = SelectField(_l("Category"), validators=[DataRequired(_l("Choose a category from the list."))])


class EditRejectForm(FlaskForm):
    reason = SelectField(
        _l("Reason"),
        choices=_choices(REJECT_REASON_LABELS),
        validators=[DataRequired(_l("Choose a reason from the list."))],
    )
    message = TextAreaField(_l("Message to the author (optional)"), validators=[Optional(), MESSAGE_LENGTH])
