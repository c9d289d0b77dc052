"""Text normalisation shared by header matching, re-import keys and similarity (fr, ar, en)."""

import re
import unicodedata

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Letters that Arabic writers interchange freely: compare them as one.
_ARABIC_UNIFY = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": None})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Combining marks left by NFKD: Latin accents, Arabic harakat, hamza and madda above/below.
_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")


def normalize(text):
    """Lowercase, accents and Arabic diacritics stripped, alef/ta marbuta/alef maqsura unified,
    punctuation turned into single spaces."""
    if not text:
        return ""
    # NFKD splits accents and the hamza/madda of أ إ آ from their letter, and Arabic
    # presentation forms into plain letters; dropping the marks removes harakat too.
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", str(text)))
    stripped = stripped.translate(_ARABIC_UNIFY).translate(_ARABIC_DIGITS).casefold()
    return _NON_WORD.sub(" ", stripped).strip()


def ascii_digits(text):
    return str(text).translate(_ARABIC_DIGITS).replace("٫", ".").replace("٬", "")


def guess_language(text):
    """'ar' when Arabic letters outnumber Latin ones, else 'fr'."""
    text = text or ""
    return "ar" if len(_ARABIC.findall(text)) > len(_LATIN.findall(text)) else "fr"


def slugify(text, max_length=80):
    value = normalize(text)
    value = re.sub(r"[^a-z0-9]+", "-", value.encode("ascii", "ignore").decode()).strip("-")
    return value[:max_length].strip("-")


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """A cell a spreadsheet will show as text, never run as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
