"""Turning one mapped row of cells into outcome fields, with errors and notes; pure."""

import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from app.creathon.text import ascii_digits, normalize, shorten

TITLE_MAX = 160
TEAM_MAX = 200
PLACE_MAX = 200
IDENTIFIER_MAX = 100
ANSWER_MAX = 20_000
_FALSE = {"", "0", "false", "faux", "non", "no", "n", "لا"}
# Decidim's proposal states (and their French labels) as the city's answers on Agora.
STATES = {
    "accepted": "accepted",
    "acceptee": "accepted",
    "accepte": "accepted",
    "retenue": "accepted",
    "evaluating": "under_study",
    "en evaluation": "under_study",
    "a l etude": "under_study",
    "rejected": "not_retained",
    "rejetee": "not_retained",
    "non retenue": "not_retained",
    "planned": "planned",
    "in progress": "in_progress",
    "done": "done",
    "realisee": "done",
    "مقبول": "accepted",
    "قيد الدراسة": "under_study",
    "مرفوض": "not_retained",
}
_NO_ANSWER = {"", "not answered", "not_answered", "published", "sans reponse", "custom"}
_WITHDRAWN = {"withdrawn", "retiree", "retire"}
_NUMBER = r"[+-]?\d+(?:[.,]\d+)?"
_ONE = re.compile(rf"^\s*({_NUMBER})\s*°?\s*$")
_PAIR = re.compile(rf"^\s*[(\[]?\s*({_NUMBER})\s*°?\s*(?:[;/|\s]|,\s*|\s*,)\s*({_NUMBER})\s*°?\s*[)\]]?\s*$")
# A coordinate or a rank is short: longer cells are refused before any regular expression,
# whose backtracking on long runs of spaces grows with the cube of their length.
_NUMBER_CELL_MAX = 100
_RANK = re.compile(r"^\s*(\d{1,4})\s*(?:er|ere|re|e|eme|ème|è|st|nd|rd|th)?\s*(?:prix|prize)?\s*$", re.I)


@dataclass
class ParsedRow:
    line: int
    title: str = ""
    description: str = ""
    category_text: str = ""
    lat: float | None = None
    lng: float | None = None
    place: str = ""
    team: str = ""
    rank: int | None = None
    identifier: str = ""
    title_ar: str = ""
    district_text: str = ""
    public_status: str | None = None
    answer: str = ""
    amendment: bool = False
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    approximate: bool = False
    district_id: int | None = None
    category_id: int | None = None
    action: str = "create"
    outcome: object = None
    # An outcome of the event this new row looks like (same title and team once normalised).
    looks_like: object = None

    @property
    def key(self):
        if self.identifier:
            return ("id:" + self.identifier.casefold())[:500]
        return f"t:{normalize(self.title)}|{normalize(self.team)}"[:500]

    @property
    def unplaced(self):
        return self.lat is None or self.lng is None

    @property
    def status(self):
        return "error" if self.errors else self.action


def _compact(text):
    """The cell with Western digits and single spaces, or None when too long to be a number."""
    compact = " ".join(ascii_digits(text or "").split())
    return compact if len(compact) <= _NUMBER_CELL_MAX else None


def parse_number(text):
    """A float from "33.5731", "33,5731", "٣٣٫٥٧", or None when the cell is not a number."""
    compact = _compact(text)
    match = _ONE.match(compact) if compact is not None else None
    return float(match.group(1).replace(",", ".")) if match else None


def parse_pair(text):
    """(lat, lng) from one cell: "33.5731, -7.5898", "33,5731 ; -7,5898", "(33.57 -7.58)"."""
    compact = _compact(text)
    match = _PAIR.match(compact) if compact is not None else None
    if not match:
        return None
    return float(match.group(1).replace(",", ".")), float(match.group(2).replace(",", "."))


def _cell(values, index):
    if index is None or index >= len(values):
        return ""
    return str(values[index]).strip()


def parse_row(row, mapping, area=None):
    """The outcome fields of `row` (a readers.Row) under `mapping`, errors filled in; a point
    must lie in `area` (a polygons.Shape: the service area) when given."""
    get = lambda name: _cell(row.values, mapping.get(name))  # noqa: E731
    parsed = ParsedRow(line=row.line)
    parsed.title = " ".join(get("title").split())
    parsed.description = get("description")
    parsed.category_text = get("category")
    parsed.place = " ".join(get("place").split())
    parsed.team = " ".join(get("team").split())
    parsed.identifier = get("identifier")
    parsed.title_ar = " ".join(get("title_ar").split())
    parsed.district_text = " ".join(get("district").split())
    parsed.answer = get("answer")
    parsed.amendment = is_amendment(get("amendment"))
    if parsed.amendment:
        parsed.action = "skip"
        parsed.notes.append(_l("An amendment to another proposal: not imported as a proposal."))
    _parse_state(parsed, get("state"))
    if not parsed.title:
        parsed.errors.append(_l("The title is empty."))
    elif len(parsed.title) > TITLE_MAX:
        parsed.errors.append(_l("The title is longer than %(max)s characters.", max=TITLE_MAX))
    if len(parsed.team) > TEAM_MAX:
        parsed.errors.append(_l("The team name is longer than %(max)s characters.", max=TEAM_MAX))
    if len(parsed.place) > PLACE_MAX:
        parsed.errors.append(_l("The place is longer than %(max)s characters.", max=PLACE_MAX))
    if len(parsed.title_ar) > TITLE_MAX:
        parsed.errors.append(_l("The Arabic title is longer than %(max)s characters.", max=TITLE_MAX))
    if len(parsed.answer) > ANSWER_MAX:
        parsed.errors.append(_l("The city's answer is longer than %(max)s characters.", max=ANSWER_MAX))
    if len(parsed.identifier) > IDENTIFIER_MAX:
        parsed.errors.append(_l("The identifier is longer than %(max)s characters.", max=IDENTIFIER_MAX))
    _parse_rank(parsed, get("rank"))
    _parse_point(parsed, get("latitude"), get("longitude"), get("coordinates"), area)
    return parsed


def is_amendment(text):
    """True for "true", "oui", "1" or a link or title of the amended proposal."""
    return normalize(text) not in _FALSE


def _parse_state(parsed, text):
    norm = normalize(text).replace("_", " ")
    if norm in _NO_ANSWER:
        return
    if norm in _WITHDRAWN:
        parsed.action = "skip"
        parsed.notes.append(_l("Withdrawn by its authors: not imported."))
    elif norm in STATES:
        parsed.public_status = STATES[norm]
    else:
        parsed.notes.append(
            _l("The state “%(value)s” is not one the city's answers know: ignored.", value=shorten(text))
        )


def _parse_rank(parsed, text):
    if not text:
        return
    compact = _compact(text)
    match = _RANK.match(compact) if compact is not None else None
    if not match or int(match.group(1)) < 1:
        parsed.errors.append(_l("The rank “%(value)s” is not a whole number from 1.", value=shorten(text)))
    else:
        parsed.rank = int(match.group(1))


def _parse_point(parsed, lat_text, lng_text, pair_text, area):
    if lat_text or lng_text:
        lat, lng = parse_number(lat_text), parse_number(lng_text)
        if lat is None or lng is None:
            bad = lat_text if lat is None else lng_text
            parsed.errors.append(
                _l("“%(value)s” is not a coordinate (expected e.g. 33.5731).", value=shorten(bad))
            )
            return
    elif pair_text:
        pair = parse_pair(pair_text)
        if pair is None:
            parsed.errors.append(
                _l(
                    "“%(value)s” is not a pair of coordinates (expected e.g. 33.5731, -7.5898).",
                    value=shorten(pair_text),
                )
            )
            return
        lat, lng = pair
    else:
        return
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        parsed.errors.append(_l("The coordinates %(lat)s, %(lng)s are out of range.", lat=lat, lng=lng))
        return
    if area is not None and not area.contains(lat, lng):
        if area.contains(lng, lat):
            parsed.errors.append(
                _l(
                    "The point %(lat)s, %(lng)s is outside the city; latitude and longitude look swapped.",
                    lat=lat,
                    lng=lng,
                )
            )
        else:
            parsed.errors.append(_l("The point %(lat)s, %(lng)s is outside the city.", lat=lat, lng=lng))
        return
    parsed.lat, parsed.lng = lat, lng
