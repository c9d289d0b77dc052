"""The dashboard's filters (a GET form that works without JavaScript) and the population form."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, ValidationError

from app.ideas.forms import category_choices, district_choices

# Period choices: all months, the last N months, or one calendar year ("y2026").
RECENT = (3, 6, 12, 24)
# Whole sentences: Arabic says "3 أشهر" but "12 شهرًا".
RECENT_LABELS = {
    3: _l("Last 3 months"),
    6: _l("Last 6 months"),
    12: _l("Last 12 months"),
    24: _l("Last 24 months"),
}
YEAR_RE = re.compile(r"^y(\d{4})$")
MEASURES = ("ideas", "supports", "participants")


def period_choices(years):
    choices = [SelectChoice("all", _l("All periods"))]
    choices += [SelectChoice(f"m{n}", RECENT_LABELS[n]) for n in RECENT]
    choices += [SelectChoice(f"y{year}", str(year)) for year in years]
    return choices


class DashboardFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter: nothing changes

    period = SelectField(_l("Period"), validators=[Optional()])
    category = SelectField(_l("Category"), validators=[Optional()])
    district = SelectField(_l("District"), validators=[Optional()])
    measure = SelectField(
        _l("Map shows, per 1,000 inhabitants"),
        choices=[
            SelectChoice("ideas", _l("Published ideas")),
            SelectChoice("supports", _l("Supports")),
            SelectChoice("participants", _l("Participants")),
        ],
        validators=[Optional()],
    )

    def __init__(self, formdata, categories, districts, years, locale):
        super().__init__(formdata)
        self.period.choices = period_choices(years)
        self.category.choices = category_choices(_l("All categories"), categories, locale)
        self.district.choices = district_choices(_l("All districts"), districts, locale)


def _population(form, field):
    text = (field.data or "").strip().replace(" ", "").replace("\u202f", "").replace(",", "")
    if not text:
        field.data = None
        return
    if not text.isdigit() or not text.isascii():
        raise ValidationError(
            _l("Write the number of inhabitants as a whole number of 0 or more, or leave it empty.")
        )
    value = int(text)
    if value > 100_000_000:
        raise ValidationError(_l("This is more inhabitants than any city has."))
    field.data = value


class PopulationForm(FlaskForm):
    population = StringField(
        _l("Inhabitants"),
        description=_l("A whole number; leave empty while unknown."),
        validators=[_population],
        render_kw={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"},
    )
