"""Title similarity for the duplicate hint: character trigrams on normalised text."""

import re
import unicodedata

# Arabic letter variants that people type interchangeably.
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه", "ـ": None}
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise(text):
    """Lower case, accents and Arabic diacritics stripped, Arabic letter variants folded,
    punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.translate(_ARABIC_FOLD)
    return _NON_WORD.sub(" ", folded).replace("_", " ").strip()


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
