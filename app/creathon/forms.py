"""Forms for events, uploads, the column mapping and links."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.creathon.mapping import FIELDS

KIND_CHOICES = [
    SelectChoice("creathon", _l("Créathon")),
    SelectChoice("hackathon", _l("Hackathon")),
    SelectChoice("workshop", _l("Workshop")),
]
THEME_CHOICES = [
    SelectChoice("", _l("No particular theme")),
    SelectChoice("mobility", _l("Mobility")),
    SelectChoice("public_space", _l("Public space")),
]
RELATION_CHOICES = [
    SelectChoice("builds_on", _l("builds on")),
    SelectChoice("same_as", _l("same as")),
    SelectChoice("answers", _l("answers")),
]


class EventForm(FlaskForm):
    kind = SelectField(_l("Kind of event"), choices=KIND_CHOICES)
    title = StringField(
        _l("Title"), validators=[InputRequired(message=_l("Enter a title.")), Length(max=200)]
    )
    slug = StringField(
        _l("Short address"),
        description=_l(
            "Used in the page address, e.g. creathon-casablanca-2018. Left empty, it is made from the title."
        ),
        validators=[Optional(), Length(max=80)],
    )
    start_date = DateField(
        _l("Start date"), validators=[InputRequired(message=_l("Enter the date of the event."))]
    )
    end_date = DateField(_l("End date"), validators=[Optional()])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=200)])
    venue_lat = FloatField(_l("Venue latitude"), validators=[Optional(), NumberRange(-90, 90)])
    venue_lng = FloatField(_l("Venue longitude"), validators=[Optional(), NumberRange(-180, 180)])
    theme = SelectField(_l("Theme"), choices=THEME_CHOICES)
    partners = TextAreaField(
        _l("Partners"), description=_l("One partner per line."), validators=[Length(max=4000)]
    )
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)])
    facilitators = SelectMultipleField(_l("Facilitators"), coerce=int, validate_choice=True)
    open_data_snapshot = SelectField(
        _l("Open-data snapshot the teams worked from"),
        description=_l("Its page links it, so that anyone can work again from the same data."),
    )
    publish_directly = BooleanField(
        _l("Publish imported outcomes directly"),
        description=_l("Otherwise they wait in the moderation queue. Each import may choose otherwise."),
        default=lambda: current_app.config["CREATHON_PUBLISH_IMPORTS"],
    )

    def values(self):
        return {
            "kind": self.kind.data,
            "title": self.title.data,
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "venue": self.venue.data or None,
            "venue_lat": self.venue_lat.data,
            "venue_lng": self.venue_lng.data,
            "theme": self.theme.data or None,
            "partners": self.partners.data or "",
            "description": self.description.data or "",
            "publish_directly": self.publish_directly.data,
            "open_data_snapshot": self.open_data_snapshot.data or None,
        }


class UploadForm(FlaskForm):
    file = FileField(
        _l("File of outcomes"),
        description=_l("CSV (comma or semicolon), XLSX, XLS or JSON; at most 10 MB and 10,000 rows."),
        validators=[FileRequired(message=_l("Choose a file to upload."))],
    )


class MappingForm(FlaskForm):
    """One select per outcome field; its choices are the columns of the uploaded file. Then
    the category of rows without a known one, and whether the outcomes are published."""

    @classmethod
    def for_header(cls, header, guessed, categories, options):
        class _Form(cls):
            pass

        _Form.default_category = SelectField(
            _l("Rows without a known category"),
            description=_l("Unknown values can also be matched one by one in the preview."),
            choices=[
                SelectChoice("", _l("— none: such rows are errors —")),
                SelectChoice("skip", _l("Do not import these rows")),
            ]
            + [
                SelectChoice(str(c.id), _("File them under “%(name)s”", name=c.name(get_locale())))
                for c in categories
            ],
            default="" if options.default_category is None else str(options.default_category),
            # Read through ImportOptions, which keeps only existing categories.
            validate_choice=False,
        )
        _Form.publish = RadioField(
            _l("When imported, the new outcomes"),
            choices=[
                SelectChoice("0", _l("wait in the moderation queue")),
                SelectChoice("1", _l("are published at once, without moderation")),
            ],
            default="1" if options.publish else "0",
            validate_choice=False,
        )

        choices = [SelectChoice("", _l("— not in the file —"))] + [
            SelectChoice(str(i), name or _l("column %(number)s", number=i + 1))
            for i, name in enumerate(header)
        ]
        for name, label in FIELDS:
            default = "" if guessed.get(name) is None else str(guessed[name])
            setattr(_Form, name, SelectField(label, choices=choices, default=default))
        return _Form()


class LinkForm(FlaskForm):
    idea_id = HiddenField(validators=[InputRequired()])
    relation = SelectField(_l("Relation"), choices=RELATION_CHOICES)
    score = HiddenField()


class DismissForm(FlaskForm):
    idea_id = HiddenField(validators=[InputRequired()])
    score = HiddenField()


class ManualLinkForm(FlaskForm):
    idea_id = StringField(
        _l("Idea number"), validators=[InputRequired(message=_l("Enter the number of an idea."))]
    )
    relation = SelectField(_l("Relation"), choices=RELATION_CHOICES)
