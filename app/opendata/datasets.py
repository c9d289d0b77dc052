"""The catalogue of open datasets: their fields, formats, rows and version tags."""

import hashlib
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.core.urls import external_url
from app.opendata import queries
from app.projects import opendata as projects

GEOJSON, CSV = "geojson", "csv"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Frictionless Table Schema type: integer, number, string, boolean, datetime, date
    meaning: object


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    description: object
    frequency: object
    formats: tuple
    fields: tuple = field(default=())

    def field_names(self):
        return [f.name for f in self.fields]


def authors_shown():
    return bool(current_app.config.get("OPEN_DATA_AUTHOR_NAMES"))


def _idea_fields():
    fields = [
        Field("id", "integer", _l("Number of the idea, as in its address on Agora")),
        Field("title", "string", _l("Title written by the author")),
        Field("description", "string", _l("Description written by the author")),
        Field("category", "string", _l("Category code (see the categories of the API)")),
        Field("district", "string", _l("District code, empty when the point lies in no district")),
        Field("city_answer", "string", _l("The city's public answer, empty when there is none yet")),
        Field("supports", "integer", _l("Number of residents supporting the idea")),
        Field("created_at", "datetime", _l("When the idea was submitted (UTC)")),
        Field("published_at", "datetime", _l("When the idea was published (UTC)")),
        Field("approximate", "boolean", _l("True when the place is only approximate")),
        Field("source", "string", _l("Where the idea comes from: citizen or creathon")),
        Field("language", "string", _l("Language the idea was written in")),
        Field("longitude", "number", _l("Longitude (WGS 84), empty for an idea without a place")),
        Field("latitude", "number", _l("Latitude (WGS 84), empty for an idea without a place")),
        Field("creathon_event", "string", _l("Code of the créathon event the idea comes from")),
        Field("creathon_team", "string", _l("Team that proposed it at the créathon")),
        Field("creathon_rank", "integer", _l("Rank given by the créathon jury")),
        Field(
            "linked_outcomes",
            "string",
            _l("Numbers of créathon ideas linked to this one, separated by spaces"),
        ),
        Field("url", "string", _l("Address of the idea on Agora")),
    ]
    if authors_shown():
        fields.insert(3, Field("author", "string", _l("Display name of the author (never an email address)")))
    return tuple(fields)


DISTRICT_FIELDS = (
    Field("id", "integer", _l("Number of the district")),
    Field("slug", "string", _l("District code")),
    Field("name_fr", "string", _l("Name in French")),
    Field("name_ar", "string", _l("Name in Arabic")),
    Field("name_en", "string", _l("Name in English")),
    Field("ideas", "integer", _l("Published ideas in the district")),
    Field("supports", "integer", _l("Supports given to those ideas")),
    Field("illustrative", "boolean", _l("True when the boundary is only illustrative")),
)
EVENT_FIELDS = (
    Field("id", "integer", _l("Number of the event")),
    Field("slug", "string", _l("Event code")),
    Field("kind", "string", _l("creathon, hackathon or workshop")),
    Field("title", "string", _l("Title of the event")),
    Field("start_date", "date", _l("First day")),
    Field("end_date", "date", _l("Last day, empty for a one-day event")),
    Field("venue", "string", _l("Where it took place")),
    Field("partners", "string", _l("Partners, separated by semicolons")),
    Field("outcomes", "integer", _l("Published outcomes of the event")),
    Field("url", "string", _l("Address of the event on Agora")),
)
OUTCOME_FIELDS = (
    Field("id", "integer", _l("Number of the outcome")),
    Field("event", "string", _l("Event code")),
    Field("team", "string", _l("Team that proposed it")),
    Field("rank", "integer", _l("Rank given by the jury, empty when unranked")),
    Field("idea_id", "integer", _l("Number of the published idea it became")),
    Field("title", "string", _l("Title of that idea")),
    Field("approximate", "boolean", _l("True when the place is only approximate")),
    Field("url", "string", _l("Address of the idea on Agora")),
)
MODERATION_FIELDS = (
    Field("month", "string", _l("Month (YYYY-MM, UTC)")),
    Field("category", "string", _l("Category code")),
    Field("received", "integer", _l("Ideas submitted that month")),
    Field("published", "integer", _l("Ideas published that month")),
    Field("rejected", "integer", _l("Ideas rejected that month")),
)


def catalogue():
    """Every dataset, in the order the open-data page lists them."""
    return (
        Dataset(
            "ideas",
            _l("Published ideas"),
            _l(
                "Every idea published on Agora, with its place, category, district, supports"
                " and the city's answer."
            ),
            _l("Continuously, as ideas are published and supported"),
            (GEOJSON, CSV),
            _idea_fields(),
        ),
        Dataset(
            "districts",
            _l("Districts"),
            _l("District boundaries with the number of published ideas and supports in each."),
            _l("Continuously (counts); boundaries when districts are imported"),
            (GEOJSON, CSV),
            DISTRICT_FIELDS,
        ),
        Dataset(
            "events",
            _l("Créathon events"),
            _l("Créathons, hackathons and workshops, with their venue and number of outcomes."),
            _l("After each event"),
            (GEOJSON, CSV),
            EVENT_FIELDS,
        ),
        Dataset(
            "outcomes",
            _l("Créathon outcomes"),
            _l("Ideas produced by the teams of each event, with their rank."),
            _l("After each event"),
            (GEOJSON, CSV),
            OUTCOME_FIELDS,
        ),
        Dataset(
            "moderation",
            _l("Moderation figures"),
            _l(
                "Ideas received, published and rejected per month and per category,"
                " as on the transparency page."
            ),
            _l("Continuously"),
            (CSV,),
            MODERATION_FIELDS,
        ),
        *(
            Dataset(
                name,
                title,
                text,
                often,
                (GEOJSON, CSV) if mapped else (CSV,),
                tuple(Field(*f) for f in fields),
            )
            for name, title, text, often, mapped, fields in projects.DATASETS
        ),
    )


def dataset_named(name):
    return next((d for d in catalogue() if d.name == name), None)


def _prefix(endpoint, **values):
    # One URL built, then extended per row: building a million URLs one by one takes seconds.
    url = external_url(endpoint, **values)
    return url[: -len("0")] if url.endswith("0") else url


def rows_of(name):
    """The dataset's rows as dicts of its fields, plus `_lng`/`_lat` or `_geometry`."""
    return {
        "ideas": _idea_rows,
        "districts": _district_rows,
        "events": _event_rows,
        "outcomes": _outcome_rows,
        "moderation": _moderation_rows,
        **projects.ROWS,
    }[name]()


def _idea_rows():
    links = queries.confirmed_links()
    base = _prefix("ideas.detail", idea_id=0)
    for row in queries.published_idea_rows(authors_shown()):
        idea_id, lng, lat = row[0], row[12], row[13]
        yield {
            "id": idea_id,
            "title": row[1],
            "description": row[2],
            "category": row[3],
            "district": row[4],
            "city_answer": row[5],
            "supports": row[6],
            "created_at": row[7],
            "published_at": row[8],
            "approximate": row[9],
            "source": row[10],
            "language": row[11],
            "longitude": lng,
            "latitude": lat,
            "_lng": lng,
            "_lat": lat,
            "creathon_event": row[14],
            "creathon_team": row[15],
            "creathon_rank": row[16],
            "author": row[17] if len(row) > 17 else None,
            "linked_outcomes": " ".join(map(str, links[idea_id])) if idea_id in links else "",
            "url": f"{base}{idea_id}",
        }


def _district_rows():
    for row in queries.district_rows():
        yield {**row, "illustrative": row["is_illustrative"], "_geometry": row["geometry"]}


def _event_rows():
    for event, outcomes in queries.event_rows():
        yield {
            "id": event.id,
            "slug": event.slug,
            "kind": event.kind,
            "title": event.title,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "venue": event.venue,
            "partners": "; ".join(event.partner_list),
            "outcomes": outcomes,
            "url": external_url("creathon.event", slug=event.slug),
            "_lng": event.venue_lng,
            "_lat": event.venue_lat,
        }


def _outcome_rows():
    base = _prefix("ideas.detail", idea_id=0)
    for row in queries.outcome_rows():
        yield {**row, "url": f"{base}{row['idea_id']}", "_lng": row["lng"], "_lat": row["lat"]}


def _moderation_rows():
    slugs = queries.category_slugs()
    for (month, category_id), counts in sorted(queries.moderation_figures().items()):
        yield {"month": month, "category": slugs.get(category_id), **counts}


def versions():
    """Per dataset: (ETag, last modification or None, number of records), from aggregates only."""
    ideas = queries.published_idea_state()
    creathon = queries.creathon_state()
    districts = queries.district_state()
    moderation = queries.moderation_state()
    idea_parts = [ideas["count"], ideas["supports"], ideas["links"], *ideas["changed"], authors_shown()]
    parts = {
        "ideas": (idea_parts, ideas["changed"], ideas["count"]),
        "districts": ([*idea_parts, *districts.values()], ideas["changed"], districts["count"]),
        "events": ([*idea_parts, *creathon.values()], creathon["changed"], creathon["events"]),
        "outcomes": (
            [*idea_parts, *creathon.values()],
            ideas["changed"] + creathon["changed"],
            creathon["outcomes"],
        ),
        "moderation": ([*idea_parts, *moderation.values()], moderation["changed"], None),
    }
    project_state = projects.state()
    for name, count in project_state["counts"].items():
        parts[name] = ([*idea_parts, *project_state["parts"]], project_state["changed"], count)
    result = {}
    for name, (tag_parts, changed, count) in parts.items():
        tag = hashlib.sha1(repr((name, tag_parts)).encode(), usedforsecurity=False).hexdigest()
        dates = [d for d in changed if d is not None]
        result[name] = (tag, max(dates) if dates else None, count)
    return result
