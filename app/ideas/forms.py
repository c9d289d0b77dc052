"""Forms: proposing and editing an idea, the list and map filters, categories for admins."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import ColorInput

from app.core.bidi import left_to_right
from app.ideas.labels import PUBLIC_STATUS_LABELS, theme_label
from app.ideas.photos import MAX_BYTES, MAX_SIDE, PhotoRejected, process_photo
from app.ideas.queries import NO_ANSWER, SORTS

# Numbers read left to right even on Arabic pages; phones show a decimal keypad.
COORDINATE_INPUT = {"dir": "ltr", "inputmode": "decimal", "autocomplete": "off"}
# Inside an Arabic sentence "33.5731, -7.5898" would read "7.5898- ,33.5731".
EXAMPLE_POINT = left_to_right("33.5731, -7.5898")


def category_choices(empty_label, categories, locale):
    """An empty option, then categories grouped by theme."""
    return [SelectChoice("", empty_label)] + [
        SelectChoice(c.slug, c.name(locale), optgroup=str(theme_label(c.theme))) for c in categories
    ]


def district_choices(empty_label, districts, locale):
    return [SelectChoice("", empty_label)] + [SelectChoice(d.slug, d.name(locale)) for d in districts]


def pin_fields():
    """The latitude and longitude fields the map picker fills (or the resident types without
    JavaScript), for a form that also inherits PinMixin."""
    return (
        StringField(_l("Latitude"), validators=[Length(max=32)], render_kw=COORDINATE_INPUT),
        StringField(_l("Longitude"), validators=[Length(max=32)], render_kw=COORDINATE_INPUT),
    )


class PinMixin:
    """Checks of a form's `lat` and `lng` (pin_fields): numbers in range, both or neither."""

    @staticmethod
    def _number(field, low, high, message):
        text = (field.data or "").strip().replace(",", ".")
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(_l("Enter a number, such as 33.5731.")) from None
        if not low <= value <= high or value != value:
            raise ValidationError(message)
        return value

    def validate_lat(self, field):
        self._number(field, -90, 90, _l("Enter a latitude between -90 and 90."))

    def validate_lng(self, field):
        self._number(field, -180, 180, _l("Enter a longitude between -180 and 180."))
        if bool((self.lat.data or "").strip()) != bool((field.data or "").strip()):
            raise ValidationError(_l("Give both latitude and longitude, or neither."))

    def point(self):
        """(lat, lng) as numbers once the form is valid, or (None, None)."""
        try:
            lat = self._number(self.lat, -90, 90, "")
            lng = self._number(self.lng, -180, 180, "")
        except ValidationError:
            return None, None
        return (lat, lng) if lat is not None and lng is not None else (None, None)


class IdeaForm(PinMixin, FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l("A short sentence: what, and where."),
        validators=[
            InputRequired(message=_l("Give your idea a title.")),
            Length(min=5, max=160, message=_l("Use between 5 and 160 characters.")),
        ],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("What is the problem today, and what would you change?"),
        validators=[
            InputRequired(message=_l("Describe your idea.")),
            Length(min=20, max=5000, message=_l("Use between 20 and 5,000 characters.")),
        ],
    )
    category = SelectField(_l("Category"), validators=[InputRequired(message=_l("Choose a category."))])
    lat, lng = pin_fields()
    district = SelectField(_l("District"), validators=[Optional()])
    place_label = StringField(
        _l("Describe the place"),
        description=_l("For example: the bus stop in front of the central market."),
        validators=[Optional(), Length(max=200, message=_l("Use at most 200 characters."))],
    )
    photo = FileField(
        _l("Photo (optional)"),
        description=_l("JPEG, PNG or WebP, up to 5 MB. Location data and other metadata are removed."),
        # The browser shrinks a larger phone photo first (static/js/photo.js); the server checks again.
        render_kw={"accept": "image/*", "data-photo-max": MAX_BYTES, "data-photo-side": MAX_SIDE},
    )
    remove_photo = BooleanField(_l("Remove the current photo"))
    confirmed = HiddenField()

    processed_photo = None

    def __init__(self, *args, categories=(), districts=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(_l("Choose a category"), categories, locale)
        self.district.choices = district_choices(_l("No district chosen"), districts, locale)

    def validate_photo(self, field):
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            return
        try:
            self.processed_photo = process_photo(upload.stream)
        except PhotoRejected as error:
            raise ValidationError(str(error)) from None


class HomeDistrictForm(FlaskForm):
    """The resident's own district, chosen in their account settings."""

    district = SelectField(_l("My district"), validate_choice=False)

    def validate_district(self, field):
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose a district from the list."))

    def __init__(self, *args, districts=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.district.description = _l(
            "The map opens on it and new ideas start there. Leave empty for the whole city."
        )
        self.district.choices = district_choices(_l("No district (the whole city)"), districts, locale)


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=100)])
    category = SelectField(_l("Category"), validators=[Optional()])
    district = SelectField(_l("District"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    answer = SelectField(_l("City's answer"), validators=[Optional()])
    sort = SelectField(
        _l("Sort by"),
        choices=[
            SelectChoice("supported", _l("Most supported")),
            SelectChoice("newest", _l("Newest")),
            SelectChoice("near", _l("Nearest to a point")),
        ],
        validators=[Optional()],
    )
    near = StringField(
        _l("Near (latitude, longitude)"),
        description=_l("For example %(point)s", point=EXAMPLE_POINT),
        validators=[Optional(), Length(max=60)],
        render_kw=COORDINATE_INPUT,
    )

    def __init__(self, *args, categories=(), districts=(), statuses=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = category_choices(_l("All categories"), categories, locale)
        self.district.choices = district_choices(_l("All districts"), districts, locale)
        self.status.choices = [SelectChoice("", _l("All statuses"))] + [
            SelectChoice(v, label) for v, label in statuses
        ]
        self.answer.choices = [
            SelectChoice("", _l("Any answer or none")),
            SelectChoice(NO_ANSWER, _l("No answer yet")),
        ] + [SelectChoice(code, label) for code, label in PUBLIC_STATUS_LABELS.items()]

    def near_point(self):
        """(lat, lng) from `near`, or None when absent or unreadable."""
        parts = (self.near.data or "").replace(";", ",").split(",")
        if len(parts) != 2:
            return None
        try:
            lat, lng = float(parts[0]), float(parts[1])
        except ValueError:
            return None
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            return None
        return lat, lng

    def validate_near(self, field):
        if field.data and self.near_point() is None:
            raise ValidationError(
                _l("Write the point as latitude, longitude, for example %(point)s.", point=EXAMPLE_POINT)
            )
        if self.sort.data == "near" and not field.data:
            raise ValidationError(_l("Give a point to sort by distance."))

    def validate_sort(self, field):
        if field.data and field.data not in SORTS:
            raise ValidationError(_l("Unknown sort order."))


class CategoryForm(FlaskForm):
    slug = StringField(
        _l("Identifier"),
        description=_l("Lower-case letters, digits and hyphens; used in addresses and the API."),
        validators=[
            InputRequired(message=_l("Enter an identifier.")),
            Length(max=60),
            Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Use lower-case letters, digits and hyphens.")),
        ],
    )
    theme = SelectField(
        _l("Theme"),
        choices=[SelectChoice("mobility", _l("Mobility")), SelectChoice("public_space", _l("Public space"))],
    )
    name_fr = StringField(
        _l("Name in French"), validators=[InputRequired(message=_l("Enter a name.")), Length(max=120)]
    )
    name_ar = StringField(
        _l("Name in Arabic"), validators=[InputRequired(message=_l("Enter a name.")), Length(max=120)]
    )
    name_en = StringField(
        _l("Name in English"), validators=[InputRequired(message=_l("Enter a name.")), Length(max=120)]
    )
    color = StringField(
        _l("Colour"),
        widget=ColorInput(),
        validators=[
            InputRequired(message=_l("Choose a colour.")),
            Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("Use a colour such as #1f6f8b.")),
        ],
    )
    position = IntegerField(
        _l("Position"),
        default=0,
        validators=[InputRequired(message=_l("Enter a number.")), NumberRange(min=0, max=10000)],
    )
    is_active = BooleanField(_l("Offered to people proposing ideas"), default=True)
