"""Text normalisation shared by header matching, re-import keys and similarity (fr, ar, en)."""

import re

from app.ideas.search import ARABIC_DIGITS, normalise

# One normalisation for every comparison of free text (duplicate hints, headers, re-import keys).
normalize = normalise
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")


def ascii_digits(text):
    return str(text).translate(ARABIC_DIGITS).replace("٫", ".").replace("٬", "")


def guess_language(text):
    """'ar' when Arabic letters outnumber Latin ones, else 'fr'."""
    text = text or ""
    return "ar" if len(_ARABIC.findall(text)) > len(_LATIN.findall(text)) else "fr"


def shorten(value, limit=40):
    """A cell quoted in a message, cut short: a file's cell may be thousands of characters long."""
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def slugify(text, max_length=80):
    value = normalize(text)
    value = re.sub(r"[^a-z0-9]+", "-", value.encode("ascii", "ignore").decode()).strip("-")
    return value[:max_length].strip("-")


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet will show as text, never run as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
