"""Translated words of the maps (Leaflet's own and map.js's), plural forms picked in the browser."""

from babel import Locale
from flask import current_app
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

# Leaflet's default tile credit (app/config.py); a site with other tiles keeps its own text.
DEFAULT_OSM_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


def plural_forms(sentence):
    """{CLDR plural category: sentence(n)} for the current language, so that a script picks the
    right form with Intl.PluralRules. Babel's plural rules and the catalogs' Plural-Forms agree
    on the categories; one sample number per category selects each form."""
    rule = Locale.parse(str(get_locale())).plural_form
    samples = {}
    for number in [*range(200), 1_000_000]:
        samples.setdefault(rule(number), number)
    return {tag: sentence(number) for tag, number in samples.items()}


def leaflet_labels():
    """Leaflet's built-in English words, for static/js/leaflet-labels.js to replace."""
    credit = current_app.config["TILE_ATTRIBUTION"]
    if credit == DEFAULT_OSM_CREDIT:
        credit = _(
            '&copy; <a href="%(url)s">OpenStreetMap</a> contributors',
            url="https://www.openstreetmap.org/copyright",
        )
    return {
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "closePopup": _("Close the popup"),
        "marker": _("Marker"),
        "leafletTitle": _("Leaflet, a JavaScript library for interactive maps"),
        "credit": credit,
    }


def map_page_labels():
    """The sentences map.js shows; {count}, {title} and {name} are filled in the browser."""
    return {
        "supports": plural_forms(
            lambda n: ngettext("%(count)s support", "%(count)s supports", n, count="{count}")
        ),
        "point": plural_forms(
            lambda n: ngettext(
                "Idea: %(title)s, %(count)s support",
                "Idea: %(title)s, %(count)s supports",
                n,
                title="{title}",
                count="{count}",
            )
        ),
        "cluster": plural_forms(
            lambda n: ngettext(
                "Cluster of %(count)s idea. Select to zoom in.",
                "Cluster of %(count)s ideas. Select to zoom in.",
                n,
                count="{count}",
            )
        ),
        "shown": _("Places shown on the map: %(count)s.", count="{count}"),
        "open": _("Open the idea"),
        "approximate": _("Approximate location"),
        "answer": _("City's answer: %(answer)s", answer="{answer}"),
        "photo": _("Photo of the place"),
        "error": _("The ideas could not be loaded. Try again, or use the list."),
        "loading": _("Loading ideas…"),
        "nearMe": _("Near me"),
        "locating": _("Finding your location…"),
        "located": _("The map shows the ideas around you."),
        "here": _("You are here"),
        "locateRefused": _(
            "Your location was not shared, so the map stays where it is. "
            "Choose a district in the filters instead."
        ),
        "locateOutside": _("Your location is outside the city's area; the map stays on the city."),
    }
