"""Forms: a project's details, its status, progress, links, milestones; the public list's filters."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.ideas.photos import PhotoRejected, process_photo
from app.projects.labels import LANGUAGE_LABELS, PHOTO_KIND_LABELS
from app.projects.models import LANGUAGES

LTR_NUMBER = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}
DATE_INPUT = {"type": "date", "dir": "ltr"}
TEXT_LENGTH = Length(max=5000, message=_l("Use at most 5,000 characters."))
MAX_PLACE_POINTS = 200


def parse_day(field):
    """The field's date (YYYY-MM-DD), None when empty, or a translated error."""
    text = (field.data or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_l("Enter a date as YYYY-MM-DD, for example 2027-03-31.")) from None


def parse_whole(field, message):
    """A whole non-negative number, spaces and thin spaces allowed (1 200 000), or an error."""
    text = "".join((field.data or "").split()).replace("\u202f", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 15:
        raise ValidationError(message)
    return int(text)


def parse_place(text):
    """[(lng, lat)] from lines of "latitude, longitude", or a translated error."""
    points = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace(";", ",").split(",")]
        try:
            lat, lng = (float(p) for p in parts)
        except ValueError:
            raise ValidationError(
                _l("Write one point per line as latitude, longitude, for example 33.5731, -7.5898.")
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise ValidationError(_l("A latitude lies between -90 and 90, a longitude between -180 and 180."))
        points.append([round(lng, 6), round(lat, 6)])
    if len(points) > MAX_PLACE_POINTS:
        raise ValidationError(_l("Use at most 200 points."))
    return points


def geometry_of(points):
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "LineString", "coordinates": points}


def place_text(geometry):
    """The form's text for a stored geometry (dict)."""
    if not geometry:
        return ""
    coords = [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
    return "\n".join(f"{lat}, {lng}" for lng, lat in coords)


class ProjectForm(FlaskForm):
    title_fr = StringField(_l("Title in French"), validators=[Length(max=200)])
    title_ar = StringField(
        _l("Title in Arabic"), validators=[Length(max=200)], render_kw={"dir": "rtl", "lang": "ar"}
    )
    title_en = StringField(_l("Title in English"), validators=[Length(max=200)])
    description_fr = TextAreaField(_l("Description in French"), validators=[TEXT_LENGTH])
    description_ar = TextAreaField(
        _l("Description in Arabic"), validators=[TEXT_LENGTH], render_kw={"dir": "rtl", "lang": "ar"}
    )
    description_en = TextAreaField(_l("Description in English"), validators=[TEXT_LENGTH])
    department = StringField(
        _l("Responsible department"),
        description=_l("For example: Roads department, Parks and gardens."),
        validators=[InputRequired(message=_l("Name the responsible department.")), Length(max=160)],
    )
    districts = SelectMultipleField(_l("Districts"), coerce=int, validators=[Optional()])
    place = TextAreaField(
        _l("Place on the map (optional)"),
        description=_l(
            "One point per line as latitude, longitude. One line is a place; several lines draw a line."
        ),
        render_kw={"dir": "ltr", "rows": 3},
    )
    budget = StringField(
        _l("Budget in dirhams (optional)"),
        description=_l("A whole number of dirhams (MAD), for example 1200000."),
        render_kw=LTR_NUMBER,
    )
    start_date = StringField(_l("Planned start (optional)"), render_kw=DATE_INPUT)
    end_date = StringField(_l("Planned end (optional)"), render_kw=DATE_INPUT)
    status = SelectField(_l("Status"))

    points, budget_mad, start, end = (), None, None, None

    def __init__(self, *args, districts=(), statuses=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.districts.choices = [(d.id, d.name(locale)) for d in districts]
        self.status.choices = [SelectChoice(s.slug, s.name(locale)) for s in statuses]

    def validate_title_en(self, _field):
        if not any((getattr(self, f"title_{lang}").data or "").strip() for lang in LANGUAGES):
            raise ValidationError(_l("Give the project a title in at least one language."))

    def validate_place(self, field):
        self.points = parse_place(field.data)

    def validate_budget(self, field):
        self.budget_mad = parse_whole(
            field, _l("Write the budget as a whole number of dirhams, for example 1200000.")
        )

    def validate_start_date(self, field):
        self.start = parse_day(field)

    def validate_end_date(self, field):
        self.end = parse_day(field)
        start = getattr(self, "start", None)
        if start is None:
            try:
                start = parse_day(self.start_date)
            except ValidationError:
                return
        if start and self.end and start > self.end:
            raise ValidationError(_l("The planned end must come after the planned start."))


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"))
    explanation = TextAreaField(
        _l("Public explanation"),
        description=_l("Shown on the project's timeline and sent to its followers."),
        validators=[InputRequired(message=_l("Explain the change to the public.")), TEXT_LENGTH],
    )

    def __init__(self, *args, statuses=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice(s.slug, s.name(locale)) for s in statuses]


class ProgressForm(FlaskForm):
    percent = StringField(
        _l("Progress in percent"),
        description=_l("Leave empty to count the milestones reached instead."),
        render_kw=LTR_NUMBER,
    )

    value = None

    def validate_percent(self, field):
        value = parse_whole(field, _l("Write a whole number from 0 to 100."))
        if value is not None and value > 100:
            raise ValidationError(_l("Write a whole number from 0 to 100."))
        self.value = value


class LinkForm(FlaskForm):
    target = SelectField(
        _l("What the project answers"),
        choices=[
            SelectChoice("idea", _l("A residents' idea")),
            SelectChoice("outcome", _l("A créathon outcome")),
        ],
    )
    number = StringField(
        _l("Number"),
        description=_l("The number in the idea's address (/ideas/123) or the outcome's number."),
        validators=[InputRequired(message=_l("Give the number of the idea or outcome."))],
        render_kw=LTR_NUMBER,
    )
    answer = TextAreaField(
        _l("The city's answer to the idea"),
        description=_l("Published as the idea's answer “planned” and sent to its author and supporters."),
        validators=[
            InputRequired(message=_l("Explain to the idea's author what the project will do.")),
            TEXT_LENGTH,
        ],
    )

    value = None

    def validate_number(self, field):
        self.value = parse_whole(field, _l("Write the number only, for example 123."))


class MilestoneForm(FlaskForm):
    due_on = StringField(
        _l("Date"), validators=[InputRequired(message=_l("Give the milestone a date."))], render_kw=DATE_INPUT
    )
    text = TextAreaField(
        _l("What happens"), validators=[InputRequired(message=_l("Describe the milestone.")), TEXT_LENGTH]
    )
    language = SelectField(
        _l("Language of the text"),
        choices=[SelectChoice(code, label) for code, label in LANGUAGE_LABELS.items()],
    )
    photos = MultipleFileField(
        _l("Photos (optional)"),
        description=_l("JPEG, PNG or WebP, up to 5 MB each. Location data and other metadata are removed."),
    )
    kind = SelectField(
        _l("The photos show"),
        choices=[SelectChoice(code, label) for code, label in PHOTO_KIND_LABELS.items()],
    )

    processed_photos, day = (), None

    def validate_due_on(self, field):
        self.day = parse_day(field)

    def validate_photos(self, field):
        uploads = [u for u in field.data or () if getattr(u, "filename", "")]
        if len(uploads) > 10:
            raise ValidationError(_l("Send at most 10 photos at once."))
        processed = []
        for upload in uploads:
            try:
                processed.append(process_photo(upload.stream))
            except PhotoRejected as error:
                raise ValidationError(str(error)) from None
        self.processed_photos = processed


class ReachForm(FlaskForm):
    reached_on = StringField(
        _l("Reached on"), validators=[InputRequired(message=_l("Give the date."))], render_kw=DATE_INPUT
    )

    day = None

    def validate_reached_on(self, field):
        self.day = parse_day(field)


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    district = SelectField(_l("District"), validators=[Optional()])
    department = SelectField(_l("Department"), validators=[Optional()])

    def __init__(self, *args, statuses=(), districts=(), departments=(), locale="fr", **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice("", _l("Every status"))] + [
            SelectChoice(s.slug, s.name(locale)) for s in statuses
        ]
        self.district.choices = [SelectChoice("", _l("Every district"))] + [
            SelectChoice(d.slug, d.name(locale)) for d in districts
        ]
        self.department.choices = [SelectChoice("", _l("Every department"))] + [
            SelectChoice(d, d) for d in departments
        ]
