"""Which column of an uploaded file holds which outcome field: guessed from fr/en/ar headers
and Decidim's proposal columns, then corrected by the facilitator."""

from flask_babel import lazy_gettext as _l

from app.creathon.text import normalize

FIELDS = (
    ("title", _l("Title")),
    ("description", _l("Description")),
    ("category", _l("Category")),
    ("latitude", _l("Latitude")),
    ("longitude", _l("Longitude")),
    ("coordinates", _l("Coordinates (latitude and longitude in one cell)")),
    ("place", _l("Place or address")),
    ("team", _l("Team")),
    ("rank", _l("Rank")),
    ("identifier", _l("Identifier")),
    ("title_ar", _l("Title in Arabic")),
    ("district", _l("District")),
    ("state", _l("The city's answer (state)")),
    ("answer", _l("The city's answer (text)")),
    ("amendment", _l("Amendment (marks rows that amend another proposal)")),
)
FIELD_NAMES = tuple(name for name, _label in FIELDS)

_SYNONYMS = {
    "title": (
        "titre",
        "title",
        "intitule",
        "nom du projet",
        "projet",
        "proposition",
        "nom",
        "name",
        "العنوان",
        "عنوان",
        "المشروع",
        "اسم المشروع",
    ),
    "description": ("description", "descriptif", "body", "resume", "details", "texte", "الوصف", "وصف"),
    "category": ("categorie", "category", "theme", "thematique", "الفئة", "الصنف", "المحور"),
    "latitude": ("latitude", "lat", "خط العرض"),
    "longitude": ("longitude", "lng", "lon", "long", "خط الطول"),
    "coordinates": ("coordonnees", "coordinates", "coords", "gps", "position", "الإحداثيات", "احداثيات"),
    "place": (
        "lieu",
        "adresse",
        "place",
        "address",
        "quartier",
        "localisation",
        "location",
        "arrondissement",
        "المكان",
        "العنوان البريدي",
        "الحي",
    ),
    "team": ("equipe", "team", "groupe", "porteur", "porteurs", "الفريق", "فريق"),
    "rank": ("rang", "rank", "classement", "prix", "position finale", "الترتيب", "المرتبة"),
    "identifier": (
        "identifiant",
        "id",
        "ref",
        "numero",
        "no",
        "n",
        "num",
        "nr",
        "numero de la proposition",
        "المعرف",
        "الرقم",
        "رقم",
        "المرجع",
    ),
    "title_ar": (
        "titre arabe",
        "titre en arabe",
        "titre ar",
        "title ar",
        "arabic title",
        "title arabic",
        "العنوان بالعربية",
        "العنوان بالعربي",
    ),
    "district": ("district", "commune", "prefecture", "scope", "المقاطعة", "العمالة"),
    "state": ("state", "etat", "statut", "status", "decision", "الحالة", "القرار"),
    "answer": ("answer", "reponse", "reponse de la ville", "reponse officielle", "الرد", "جواب"),
    "amendment": ("is amend", "amendment", "amendement", "est un amendement", "تعديل"),
}
# A stable reference ("CAS-PROP-2018-04-12") beats a database number: Decidim exports both.
_STRONGER = {"reference": ("identifier", 11), "reference interne": ("identifier", 11)}
_LOOKUP = {normalize(word): name for name, words in _SYNONYMS.items() for word in words}
# Decidim translated columns: "title/fr", "body/en", "category/name/fr", "scope/name/fr".
_DECIDIM_ROOTS = {
    "title": "title",
    "body": "description",
    "category": "category",
    "category name": "category",
    "scope name": "district",
    "answer": "answer",
    "original proposal title": "amendment",
    "original proposal url": "amendment",
}
_LANGUAGE_PREFERENCE = {"fr": 3, "ar": 2, "en": 1}


def _candidates(header_cell):
    """(field, strength) pairs a header cell may stand for."""
    raw = str(header_cell or "").strip()
    norm = normalize(raw)
    if not norm:
        return []
    if norm in _STRONGER:
        return [_STRONGER[norm]]
    if norm in _LOOKUP:
        return [(_LOOKUP[norm], 10)]
    if "/" in raw:
        *root, language = [normalize(p) for p in raw.split("/")]
        root = " ".join(root)
        if root == "title" and language == "ar":
            # The Arabic title: the title when it is the only one, else kept beside it.
            return [("title_ar", 9), ("title", 5 + _LANGUAGE_PREFERENCE["ar"])]
        if root in _DECIDIM_ROOTS:
            return [(_DECIDIM_ROOTS[root], 5 + _LANGUAGE_PREFERENCE.get(language, 0))]
        if " ".join([root, language]) in _DECIDIM_ROOTS:
            return [(_DECIDIM_ROOTS[" ".join([root, language])], 5)]
    # "Titre du projet", "Latitude (WGS84)": the first word often says it.
    first = norm.split(" ")[0]
    if first in _LOOKUP and first not in {"no", "id", "nom", "long"}:
        return [(_LOOKUP[first], 1)]
    return []


def guess_mapping(header):
    """{field: column index or None} for every field, the strongest header winning."""
    best = {}
    for index, cell in enumerate(header):
        for name, strength in _candidates(cell):
            if name not in best or strength > best[name][1]:
                best[name] = (index, strength)
    mapping = {name: (best[name][0] if name in best else None) for name in FIELD_NAMES}
    if mapping["title"] is None:
        # The Arabic title is the title when the file has no other.
        mapping["title"] = mapping["title_ar"]
    if mapping["title_ar"] is not None and mapping["title_ar"] == mapping["title"]:
        mapping["title_ar"] = None
    return mapping


class MappingError(Exception):
    def __init__(self, messages):
        super().__init__("; ".join(str(m) for m in messages))
        self.messages = messages


def check_mapping(mapping, header):
    """Raise MappingError when required columns are missing or indexes are out of range."""
    messages = []
    for index in mapping.values():
        if index is not None and not 0 <= index < len(header):
            messages.append(_l("A chosen column does not exist in the file."))
            break
    if mapping.get("title") is None:
        messages.append(
            _l(
                "No column holds the titles. The file needs a column named for example "
                "“titre”, “title” or “العنوان”."
            )
        )
    if mapping.get("title_ar") is not None and mapping.get("title_ar") == mapping.get("title"):
        messages.append(_l("The Arabic title needs its own column, not the column of the titles."))
    if (mapping.get("latitude") is None) != (mapping.get("longitude") is None):
        messages.append(_l("Choose both the latitude and the longitude columns, or neither."))
    if messages:
        raise MappingError(messages)


def mapping_from_form(values, header):
    """A mapping from submitted `field -> "index" or ""` strings."""
    mapping = {}
    for name in FIELD_NAMES:
        value = (values.get(name) or "").strip()
        mapping[name] = int(value) if value.isdigit() else None
    check_mapping(mapping, header)
    return mapping


def ignored_columns(mapping, header):
    """The names of the columns no field reads, in file order."""
    used = {index for index in mapping.values() if index is not None}
    return [name or f"#{i + 1}" for i, name in enumerate(header) if i not in used]


def mapping_to_query(mapping):
    return {name: "" if index is None else str(index) for name, index in mapping.items()}


def find_header(table, look_ahead=10):
    """Spreadsheets often start with a banner ("Créathon – 20 avril 2018") above the real column
    names: when the first line names no title column, use the first of the next lines that does."""
    if guess_mapping(table.header)["title"] is not None:
        return table
    for index, row in enumerate(table.rows[:look_ahead]):
        if guess_mapping(row.values)["title"] is not None:
            table.header = [str(v).strip() for v in row.values]
            table.rows = table.rows[index + 1 :]
            break
    return table
