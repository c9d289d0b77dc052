"""Title similarity for the duplicate hint: character trigrams on normalised text."""

import re
import unicodedata

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Letters that Arabic writers interchange freely: compare them as one.
_ARABIC_UNIFY = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": None})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Combining marks left by NFKD: Latin accents, Arabic harakat, hamza and madda above/below.
_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def normalise(text):
    """Lower case, accents and Arabic diacritics stripped, alef/hamza/ta marbuta/alef maqsura
    unified, Arabic digits as 0-9, punctuation turned into single spaces (fr, ar, en)."""
    if not text:
        return ""
    # NFKD splits accents and the hamza/madda of أ إ آ ؤ ئ from their letter, and Arabic
    # presentation forms into plain letters; dropping the marks removes harakat too.
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", str(text)))
    stripped = stripped.translate(_ARABIC_UNIFY).translate(ARABIC_DIGITS).casefold()
    return _NON_WORD.sub(" ", stripped).strip()


def trigrams(text):
    padded = f"  {normalise(text)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """Jaccard index of the two texts' trigram sets, 0..1."""
    return overlap(trigrams(a), trigrams(b))


def overlap(ta, tb):
    """Jaccard index of two trigram sets already computed (to compare one title with many)."""
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
