"""Paper forms typed into a spreadsheet by volunteers, imported by a facilitator or a relay:
the créathon importer's reader, row parsing, preview and all-or-nothing rule, plus the
resident's columns (name, phone, email, consent, language) and the form code."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.creathon.importer import ImportRejected, Preview
from app.creathon.mapping import find_header, guess_mapping
from app.creathon.places import CategoryIndex, PlaceIndex
from app.creathon.rows import parse_row
from app.creathon.text import normalize, shorten
from app.extensions import db
from app.ideas.models import Category, District
from app.ideas.services import IdeaDraft, Location, LocationRejected
from app.relays.queries import batch_by_code
from app.relays.services import RelayError, check_resident, place_of_form, submit_assisted_idea

EXTRA = {
    "code": ("code", "code formulaire", "form code", "code du formulaire", "lot", "batch", "رمز", "الرمز"),
    "resident": (
        "habitant",
        "habitante",
        "resident",
        "nom de l habitant",
        "resident name",
        "initiales",
        "initials",
        "الساكن",
        "اسم الساكن",
    ),
    "phone": ("telephone", "tel", "phone", "mobile", "gsm", "الهاتف", "هاتف"),
    "email": ("email", "e mail", "courriel", "mail", "البريد الإلكتروني", "البريد"),
    "consent": ("accord", "consentement", "consent", "agreed", "الموافقة", "موافقة"),
    "language": ("langue", "language", "اللغة"),
    "channel": ("canal", "channel", "القناة"),
}
_EXTRA_LOOKUP = {normalize(word): name for name, words in EXTRA.items() for word in words}
LANGUAGE_WORDS = {
    **{normalize(w): "ar" for w in ("ar", "arabe", "arabic", "العربية", "عربية", "الدارجة", "darija")},
    **{normalize(w): "en" for w in ("en", "anglais", "english", "الإنجليزية")},
}
YES = {normalize(w) for w in ("oui", "yes", "o", "y", "x", "1", "true", "vrai", "نعم", "✓", "✔")}
CHANNEL_WORDS = {
    **{normalize(w): "paper" for w in ("papier", "paper", "formulaire", "ورقي", "ورقة")},
    **{normalize(w): "in_person" for w in ("en personne", "in person", "guichet", "حضوري")},
    **{normalize(w): "phone" for w in ("telephone", "phone", "هاتف")},
    **{normalize(w): "workshop" for w in ("atelier", "workshop", "ورشة")},
}


@dataclass
class Importer:
    """Who imports, under which organisation: a relay (their districts) or a facilitator (any)."""

    user: object
    organisation: str
    districts: list = field(default_factory=list)

    @property
    def user_id(self):
        return self.user.id

    def covers(self, district):
        return not self.districts or district in self.districts


@dataclass
class FormRow:
    """One typed-in form: the créathon row (title, description, category, place, point) and the
    resident's columns. Reads like the créathon importer's rows for its Preview."""

    parsed: object
    resident: object = None
    batch: object = None
    district: object = None

    line = property(lambda self: self.parsed.line)
    errors = property(lambda self: self.parsed.errors)
    notes = property(lambda self: self.parsed.notes)
    status = property(lambda self: self.parsed.status)
    title = property(lambda self: self.parsed.title)


def relay_mapping(header):
    """The créathon mapping of the idea's columns plus the resident's columns, by header name."""
    mapping = guess_mapping(header)
    for index, cell in enumerate(header):
        name = _EXTRA_LOOKUP.get(normalize(str(cell or "")))
        if name and name not in mapping:
            mapping[name] = index
        if name and mapping.get("title") == index:
            mapping["title"] = None
    for name in EXTRA:
        mapping.setdefault(name, None)
    return mapping


def _cell(row, mapping, name):
    index = mapping.get(name)
    return str(row.values[index]).strip() if index is not None and index < len(row.values) else ""


def _parse(row, mapping, area, places, categories, importer, seen):
    parsed = parse_row(row, mapping, area)
    form = FormRow(parsed)
    if not parsed.description.strip():
        parsed.errors.append(_l("The description is empty."))
    code = _cell(row, mapping, "code")
    if code:
        form.batch = batch_by_code(code)
        if form.batch is None:
            parsed.errors.append(_("No paper form has the code “%(value)s”.", value=shorten(code)))
        else:
            form.district = form.batch.district
    channel_text = _cell(row, mapping, "channel")
    channel = CHANNEL_WORDS.get(normalize(channel_text), None) if channel_text else "paper"
    if channel is None:
        parsed.errors.append(_("Unknown channel “%(value)s”.", value=shorten(channel_text)))
        channel = "paper"
    language = LANGUAGE_WORDS.get(normalize(_cell(row, mapping, "language")), "fr")
    try:
        form.resident = check_resident(
            _cell(row, mapping, "resident"),
            channel,
            normalize(_cell(row, mapping, "consent")) in YES,
            _cell(row, mapping, "phone"),
            _cell(row, mapping, "email"),
            language,
        )
    except RelayError as error:
        parsed.errors.append(error.message)
    if parsed.errors:
        return form
    categories.resolve(parsed)
    if not parsed.unplaced:
        try:
            location = place_of_form(importer, area, district=form.district, lat=parsed.lat, lng=parsed.lng)
        except (RelayError, LocationRejected) as error:
            parsed.errors.append(error.message)
            return form
        form.district = location.district
    if form.district is None:
        district_id = places.find(parsed.place)
        form.district = db.session.get(District, district_id) if district_id else None
    if form.district is None:
        parsed.errors.append(_l("No form code and no known district: give the code printed on the form."))
    elif not importer.covers(form.district):
        parsed.errors.append(_l("This district is not one of yours."))
    key = (normalize(parsed.title), normalize(form.resident.name if form.resident else ""))
    first = seen.setdefault(key, parsed.line)
    if first != parsed.line:
        parsed.errors.append(_l("The same title and resident are already on line %(line)s.", line=first))
    return form


def preview_forms(table, importer, *, area):
    """What importing the typed-in forms of `table` would do, row by row; writes nothing."""
    table = find_header(table)
    mapping = relay_mapping(table.header)
    if mapping.get("title") is None:
        raise RelayError(
            _l(
                "No column holds the titles. The file needs a column named for example "
                "“titre”, “title” or “العنوان”."
            )
        )
    places, categories = PlaceIndex.load(), CategoryIndex.load()
    seen = {}
    return Preview([_parse(row, mapping, area, places, categories, importer, seen) for row in table.rows])


def import_forms(table, importer, *, area, premoderation=True):
    """Enter every typed-in form, or none (ImportRejected when a row is in error). Flushes."""
    preview = preview_forms(table, importer, area=area)
    if preview.has_errors:
        raise ImportRejected(preview)
    ideas = []
    for row in preview.rows:
        parsed, district = row.parsed, row.district
        if parsed.unplaced:
            centre = (district.center_lat, district.center_lng)
            location = Location(*centre, True, district, parsed.place or None)
        else:
            location = Location(parsed.lat, parsed.lng, False, district, parsed.place or None)
        category = db.session.get(Category, parsed.category_id)
        draft = IdeaDraft(parsed.title, parsed.description, category, location)
        ideas.append(
            submit_assisted_idea(importer, draft, row.resident, batch=row.batch, premoderation=premoderation)
        )
    return ideas, preview
