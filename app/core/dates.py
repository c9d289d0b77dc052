"""Dates as each language writes them, in one style per language: every page, mail and export
asks here, so that "4 décembre 2026", "4 ديسمبر 2026" and "December 4, 2026" never meet a
"04/12/2026" elsewhere on the site. Datetimes are shown in the site's time zone."""

from datetime import date, datetime

from flask_babel import format_date, format_time, get_locale

DATE_STYLE = "long"
TIME_STYLE = "short"


def day(value):
    """The date alone: "4 décembre 2026"."""
    if value is None:
        return ""
    return format_date(value, DATE_STYLE)


def moment(value):
    """The date and the time: "4 décembre 2026, 18:05" (the date alone for a plain date)."""
    if value is None:
        return ""
    if isinstance(value, date) and not isinstance(value, datetime):
        return day(value)
    # The language's own way of joining a date and a time ("{1}, {0}", "{1} في {0}", …).
    joined = get_locale().datetime_formats["medium"].replace("'", "")
    return joined.replace("{1}", day(value)).replace("{0}", format_time(value, TIME_STYLE))


def register_date_filters(app):
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["moment"] = moment
    # Older templates name a format; the site keeps one style per language whatever they ask.
    app.jinja_env.filters["datetime"] = lambda value, _style=None: moment(value)
