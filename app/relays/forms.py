"""Forms of the relays: the role, an assisted idea, an in-person support, a batch, an import."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.ideas.forms import PinMixin, category_choices, district_choices, pin_fields

CHANNEL_LABELS = {
    "online": _l("Online"),
    "in_person": _l("In person"),
    "phone": _l("By phone"),
    "paper": _l("Paper form"),
    "workshop": _l("Workshop"),
}
AUDIT_LABELS = {
    "relay_granted": _l("Relay role granted"),
    "relay_changed": _l("Relay role changed"),
    "relay_revoked": _l("Relay role taken back"),
    "assisted_idea": _l("Idea entered for a resident"),
    "in_person_support": _l("Support collected in person"),
    "paper_batch": _l("Paper forms printed"),
    "forms_imported": _l("Spreadsheet of forms imported"),
    "idea_claimed": _l("Idea claimed by the resident's account"),
    "resident_forgotten": _l("Resident's data erased"),
    "sms_sent": _l("Status SMS sent"),
    "mail_sent": _l("Status email sent"),
}
LANGUAGES = (("fr", "Français"), ("ar", "العربية"), ("en", "English"))
LANGUAGE_CHOICES = [SelectChoice(code, name) for code, name in LANGUAGES]
PHONE_INPUT = {"dir": "ltr", "inputmode": "tel", "autocomplete": "off"}


def _channels(*names):
    return [SelectChoice(name, CHANNEL_LABELS[name]) for name in names]


class GrantForm(FlaskForm):
    email = StringField(
        _l("Email address of the account"),
        validators=[InputRequired(message=_l("Give the account's email address.")), Length(max=254)],
    )
    organisation = StringField(
        _l("Organisation"),
        description=_l("The arrondissement office or the association; shown on the ideas the relay enters."),
        validators=[InputRequired(message=_l("Name the relay's organisation.")), Length(max=120)],
    )
    districts = SelectMultipleField(
        _l("Districts (none: the whole city)"),
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=True,
    )

    def __init__(self, *args, districts=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.districts.choices = [SelectChoice(d.slug, d.name(locale)) for d in districts]


class AssistedIdeaForm(PinMixin, FlaskForm):
    code = StringField(
        _l("Form code"),
        description=_l("The short code printed on the paper form, e.g. ANF-0007; it fills in the district."),
        validators=[Optional(), Length(max=20)],
        render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"},
    )
    district = SelectField(_l("District"), validators=[Optional()])
    channel = RadioField(_l("How did the idea reach you?"), default="paper")
    resident_name = StringField(
        _l("Resident's name or initials"),
        description=_l("As the resident wishes it shown on the idea."),
        validators=[
            InputRequired(message=_l("Give the resident's name or initials, as they wish it shown.")),
            Length(max=80),
        ],
    )
    title = StringField(
        _l("Title"),
        validators=[
            InputRequired(message=_l("Give the idea a title.")),
            Length(min=5, max=160, message=_l("Use between 5 and 160 characters.")),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        validators=[
            InputRequired(message=_l("Describe the idea.")),
            Length(min=20, max=5000, message=_l("Use between 20 and 5,000 characters.")),
        ],
    )
    category = SelectField(_l("Category"), validators=[InputRequired(message=_l("Choose a category."))])
    place_label = StringField(
        _l("Describe the place"),
        description=_l("As written on the form; needed when the resident marked nothing on the map."),
        validators=[Optional(), Length(max=200, message=_l("Use at most 200 characters."))],
    )
    # The place the resident marked on the form's map, if any (optional: the words may do).
    lat, lng = pin_fields()
    phone = StringField(
        _l("Phone, to tell the resident the outcome (optional)"),
        description=_l(
            "Moroccan (06 12 34 56 78) or international (+33 6 12 34 56 78). Never shown publicly."
        ),
        validators=[Optional(), Length(max=40)],
        render_kw=PHONE_INPUT,
    )
    email = StringField(
        _l("Email, to tell the resident the outcome (optional)"),
        description=_l("With this address the resident can later create an account and find the idea."),
        validators=[Optional(), Length(max=254)],
        render_kw={"dir": "ltr", "autocomplete": "off", "inputmode": "email"},
    )
    language = SelectField(_l("Resident's language"), choices=LANGUAGE_CHOICES, default="fr")
    consent = BooleanField(
        _l(
            "The resident agreed that this idea is published under this name and, if given, that the "
            "phone or email is used to tell them the outcome."
        )
    )
    confirmed = HiddenField()

    def __init__(self, *args, categories=(), districts=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(_l("Choose a category"), categories, locale)
        self.district.choices = district_choices(_l("Choose a district"), districts, locale)
        self.channel.choices = _channels("paper", "in_person", "phone", "workshop")


class SupportForm(FlaskForm):
    supporter_name = StringField(
        _l("Name or initials of the person"),
        validators=[InputRequired(message=_l("Give the person's name or initials.")), Length(max=80)],
    )
    channel = RadioField(_l("Where was the support collected?"), default="in_person")
    consent = BooleanField(_l("The person agreed that their support is recorded under this name."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.channel.choices = _channels("in_person", "paper", "workshop", "phone")


class BatchForm(FlaskForm):
    district = SelectField(_l("District"), validators=[InputRequired(message=_l("Choose a district."))])

    def __init__(self, *args, districts=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.district.choices = district_choices(_l("Choose a district"), districts, locale)


class ImportForm(FlaskForm):
    file = FileField(_l("Spreadsheet (CSV, XLSX or JSON)"))
    organisation = StringField(
        _l("Organisation that collected the forms"),
        validators=[
            InputRequired(message=_l("Name the organisation that collected the forms.")),
            Length(max=120),
        ],
    )


class ConfirmImportForm(FlaskForm):
    token = HiddenField()
    organisation = HiddenField()
