"""The dashboard's charts and their tables: one definition gives the SVG chart, the accessible
table and the CSV download, so the three always show the same figures."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from app.core.charts import BarChart, month_label
from app.dashboard import queries
from app.dashboard.models import NO_DISTRICT
from app.opendata.datasets import Field

SOURCE_LABELS = {"citizen": _l("Citizens"), "creathon": _l("Créathons")}
LANGUAGE_LABELS = {"fr": "Français", "ar": "العربية", "en": "English"}
ACTIONS = ("approve", "reject", "request_changes")
ACTION_LABELS = {
    "approve": _l("Approved"),
    "reject": _l("Rejected"),
    "request_changes": _l("Changes requested"),
}
FIGURES = ("received", "published", "supports")


@dataclass
class Column:
    name: str  # the CSV header and the row key
    type: str  # a Frictionless type, as the open-data writer expects
    label: object  # the table header


@dataclass
class Table:
    """One chart's data: `rows` are dicts keyed by column name; `label_column` heads each row."""

    name: str
    title: object
    columns: list
    rows: list
    series: tuple = ()  # the numeric columns drawn as bars
    note: object = None
    extra: dict = field(default_factory=dict)

    @property
    def fields(self):
        return [Field(c.name, c.type, c.label) for c in self.columns]

    def chart(self, rtl):
        if not self.series or not self.rows:
            return None
        labels = {c.name: c.label for c in self.columns}
        rows = [(row["label"], tuple(row[name] for name in self.series)) for row in self.rows]
        return BarChart(str(self.title), [str(labels[name]) for name in self.series], rows).layout(rtl)


def _figure_columns():
    return [
        Column("received", "integer", _l("Ideas received")),
        Column("published", "integer", _l("Ideas published")),
        Column("supports", "integer", _l("Supports given")),
    ]


def _zero():
    return dict.fromkeys(FIGURES, 0)


def months_table(filters, months):
    found = queries.figures_by("month", filters)
    rows = [{"month": m, "label": month_label(m), **found.get(m, _zero())} for m in months]
    return Table(
        "months",
        _l("Ideas and supports per month"),
        [Column("month", "string", _l("Month")), *_figure_columns()],
        rows,
        FIGURES,
        _l("Ideas are counted in the month they were received, supports in the month they were given."),
    )


def categories_table(filters, locale):
    found = queries.figures_by("category_id", filters)
    rows = []
    for category in queries.categories():
        if category.id in found or category.is_active:
            figures = found.get(category.id, _zero())
            rows.append({"category": category.slug, "label": category.name(locale), **figures})
    return Table(
        "categories",
        _l("Ideas and supports per category"),
        [Column("category", "string", _l("Category")), *_figure_columns()],
        rows,
        FIGURES,
    )


def per_thousand(value, population):
    if not population:
        return None
    return round(value * 1000 / population, 2)


def districts_table(filters, locale):
    found = queries.figures_by("district_id", filters)
    participants = queries.participants_by_district()
    rows = []
    for district in queries.districts():
        figures = found.get(district.id, _zero())
        people = participants.get(district.id, 0)
        rows.append(
            {
                "district": district.slug,
                "label": district.name(locale),
                "population": district.population,
                **figures,
                "participants": people,
                "published_per_1000": per_thousand(figures["published"], district.population),
                "supports_per_1000": per_thousand(figures["supports"], district.population),
                "participants_per_1000": per_thousand(people, district.population),
                "_district": district,
            }
        )
    outside = found.get(NO_DISTRICT)
    if outside and not filters.district_id:
        rows.append(
            {
                "district": "",
                "label": str(_l("Outside every district")),
                "population": None,
                **outside,
                "participants": participants.get(NO_DISTRICT, 0),
                "published_per_1000": None,
                "supports_per_1000": None,
                "participants_per_1000": None,
            }
        )
    return Table(
        "districts",
        _l("Ideas, supports and participation per district"),
        [
            Column("district", "string", _l("District")),
            Column("population", "integer", _l("Inhabitants")),
            *_figure_columns(),
            Column("participants", "integer", _l("Participants (all periods)")),
            Column("published_per_1000", "number", _l("Published ideas per 1,000 inhabitants")),
            Column("supports_per_1000", "number", _l("Supports per 1,000 inhabitants")),
            Column("participants_per_1000", "number", _l("Participants per 1,000 inhabitants")),
        ],
        rows,
        FIGURES,
        _l(
            "Participants are the people who proposed or supported a published idea of the district, "
            "over all periods and categories."
        ),
    )


def _labelled_table(name, title, dimension, labels, filters, header):
    found = queries.figures_by(dimension, filters)
    keys = list(labels) + sorted(k for k in found if k not in labels)
    rows = [{dimension: key, "label": str(labels.get(key, key)), **found.get(key, _zero())} for key in keys]
    return Table(name, title, [Column(dimension, "string", header), *_figure_columns()], rows, FIGURES)


def sources_table(filters):
    return _labelled_table(
        "sources", _l("Ideas and supports by source"), "source", SOURCE_LABELS, filters, _l("Source")
    )


def languages_table(filters):
    return _labelled_table(
        "languages",
        _l("Ideas and supports by language of the author"),
        "language",
        LANGUAGE_LABELS,
        filters,
        _l("Language"),
    )


def moderation_table(filters, months):
    found = queries.decisions_by_month(filters)
    rows, every = [], {}
    for month in months:
        figures = found.get(month, {"hours": {}})
        median = queries.median_of_counts(figures["hours"])
        for hours, count in figures["hours"].items():
            every[hours] = every.get(hours, 0) + count
        rows.append(
            {
                "month": month,
                "label": month_label(month),
                **{action: figures.get(action, 0) for action in ACTIONS},
                "median_days": round(median / 24, 1) if median is not None else None,
            }
        )
    overall = queries.median_of_counts(every)
    return Table(
        "moderation",
        _l("Moderation decisions per month"),
        [
            Column("month", "string", _l("Month")),
            *(Column(action, "integer", ACTION_LABELS[action]) for action in ACTIONS),
            Column("median_days", "number", _l("Median time to decision (days)")),
        ],
        rows,
        ACTIONS,
        _l(
            "The first decision on each idea, in the month it was taken; the time to decision runs from "
            "the idea's arrival, counted in whole hours. These figures follow the period only."
        ),
        {"median_days": round(overall / 24, 1) if overall is not None else None},
    )


def creathons_table():
    rows = [
        {
            "event": event.slug,
            "label": event.title,
            "ideas": ideas,
            "published": published,
            "supports": supports,
        }
        for event, ideas, published, supports in queries.event_figures()
    ]
    return Table(
        "creathons",
        _l("What the créathons brought"),
        [
            Column("event", "string", _l("Event")),
            Column("ideas", "integer", _l("Ideas brought")),
            Column("published", "integer", _l("Ideas published")),
            Column("supports", "integer", _l("Supports of these ideas")),
        ],
        rows,
        ("ideas", "published", "supports"),
        _l("All periods, categories and districts."),
    )


def top_ideas_table(filters, locale):
    rows = [
        {
            "id": idea.id,
            "title": idea.title,
            "label": idea.title,
            "category": idea.category.name(locale),
            "supports": supports,
        }
        for idea, supports in queries.top_ideas(filters)
    ]
    return Table(
        "top-ideas",
        _l("Most supported ideas"),
        [
            Column("id", "integer", _l("Number")),
            Column("title", "string", _l("Idea")),
            Column("category", "string", _l("Category")),
            Column("supports", "integer", _l("Supports")),
        ],
        rows,
        note=_l("All periods, in the category and district chosen."),
    )


TABLES = ("months", "categories", "districts", "sources", "languages", "moderation", "creathons", "top-ideas")


def build_table(name, filters, months, locale):
    """The table `name` for these filters, or None when there is no such table."""
    builders = {
        "months": lambda: months_table(filters, months),
        "categories": lambda: categories_table(filters, locale),
        "districts": lambda: districts_table(filters, locale),
        "sources": lambda: sources_table(filters),
        "languages": lambda: languages_table(filters),
        "moderation": lambda: moderation_table(filters, months),
        "creathons": creathons_table,
        "top-ideas": lambda: top_ideas_table(filters, locale),
    }
    builder = builders.get(name)
    return builder() if builder else None
