"""The one text search of ideas: how text is normalised and cut into words, and which ideas a
search matches (each word typed starts a word of the title or description), for the list, the
map, the API and the moderation queue alike, read from the `idea_terms` index."""

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import and_, exists, false, func, literal, select, true

from app.ideas.models import Idea, IdeaTerm

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Letters that Arabic writers interchange freely: compare them as one (tatweel is dropped).
_ARABIC_UNIFY = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": None})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Combining marks left by NFKD: Latin accents, Arabic harakat, hamza and madda above/below.
_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARTICLE = "ال"

terms = IdeaTerm.__table__
MAX_TERM_LENGTH = 64
# At most this many words of a search are used.
MAX_QUERY_WORDS = 8
# A word held by at least this many ideas is checked idea by idea in the order a page reads them.
COMMON = 2_000
# Above every character: "ombre" + TOP bounds the words that start with "ombre".
TOP = "\U0010ffff"


def normalise(text):
    """Lower case, accents and Arabic diacritics stripped, alef/hamza/ta marbuta/alef maqsura
    unified, tatweel dropped, Arabic digits as 0-9, punctuation turned into single spaces."""
    if not text:
        return ""
    # NFKD splits accents and the hamza/madda of أ إ آ ؤ ئ from their letter, and Arabic
    # presentation forms into plain letters; dropping the marks removes harakat too.
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", str(text)))
    stripped = stripped.translate(_ARABIC_UNIFY).translate(ARABIC_DIGITS).casefold()
    return _NON_WORD.sub(" ", stripped).strip()


def words(text):
    """The words of a text as the index compares them: normalised, with the Arabic article
    taken off."""
    found = []
    for word in normalise(text).split():
        if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE):
            word = word[len(_ARTICLE) :]
        found.append(word[:MAX_TERM_LENGTH])
    return found


def _kept(word):
    # One-letter words are elisions and prepositions (l', d', à, y): indexing them would cost a
    # row per idea and find nothing a reader looks for. Numbers are kept: "ligne 7".
    return len(word) > 1 or word.isdigit()


def idea_terms(title, description=""):
    """The words an idea is found by: those of its title and its description."""
    return {word for word in words(f"{title or ''} {description or ''}") if _kept(word)}


def searching(q):
    """Whether `q` asks for something: blank filters nothing; text without words (punctuation
    alone) matches nothing."""
    return bool((q or "").strip())


def query_words(q):
    """The words a search must find, each as the start of an idea's word (at most
    MAX_QUERY_WORDS). One-letter words are left out as in the index, unless the search has
    nothing else."""
    typed = words(q or "")[:MAX_QUERY_WORDS]
    return [word for word in typed if _kept(word)] or typed


def _starts(column, word):
    return (column >= word, column < word + TOP)


def matching(q, statuses=None, idea_id=None, connection=None):
    """The search `q` as one SQL condition on `idea_id` (default `Idea.id`): true for the ideas
    having a word that starts with each word of `q`; for all when `q` is blank, none when it has
    no words. `statuses`, when the caller filters on them anyway, narrows the index rows read.

    With a `connection` each word is looked at first: one that starts a single indexed word is
    read as that word, and one held by many ideas becomes a check of each idea read in the
    caller's order (index `(idea_id, term)`), so a page stops after its ideas instead of
    gathering them all; a rarer word gives the ideas' ids to read."""
    if idea_id is None:
        idea_id = Idea.id
    narrow = [terms.c.status.in_(list(statuses))] if statuses is not None else []
    conditions = []
    for word in query_words(q):
        wanted = _starts(terms.c.term, word)
        if connection is not None:
            first, last = _first_and_last(connection, word)
            if first is None:
                return false()
            if first == last:
                wanted = (terms.c.term == first,)
            if _common(connection, (*wanted, *narrow)):
                conditions.append(exists().where(terms.c.idea_id == idea_id, *wanted))
                continue
        conditions.append(idea_id.in_(select(terms.c.idea_id).where(*wanted, *narrow)))
    if conditions:
        return and_(*conditions)
    return false() if searching(q) else true()


def _common(connection, conditions):
    """Whether at least COMMON index rows meet `conditions` (reads at most that many)."""
    rows = select(literal(1)).where(*conditions).limit(COMMON).subquery()
    return connection.execute(select(func.count()).select_from(rows)).scalar_one() >= COMMON


def _first_and_last(connection, word):
    """The first and last indexed words starting with `word` (None, None: there is none)."""
    starts = _starts(terms.c.term, word)
    first = connection.execute(select(terms.c.term).where(*starts).order_by(terms.c.term).limit(1)).scalar()
    if first is None:
        return None, None
    last = connection.execute(
        select(terms.c.term).where(*starts).order_by(terms.c.term.desc()).limit(1)
    ).scalar()
    return first, last


@dataclass(frozen=True)
class TextMatch:
    """A search as conditions on `idea_terms` rows (for readers of the rows themselves, as the
    map): the longest word drives (the fewest rows); when only one indexed word starts with it,
    `term` is that word and its rows are one key-ordered run."""

    word: str
    term: str | None
    others: tuple


def text_match(connection, q):
    """The search `q` against the index, or None when no indexed word can match it."""
    typed = query_words(q)
    if not typed:
        return None
    word = max(typed, key=len)
    others = list(typed)
    others.remove(word)
    first, last = _first_and_last(connection, word)
    if first is None:
        return None
    return TextMatch(word, first if first == last else None, tuple(others))


def match_conditions(match):
    """Conditions on `idea_terms` rows: the driving word, and every other word among the same
    idea's (the same ideas as `matching`)."""
    if match.term is not None:
        conditions = [terms.c.term == match.term]
    else:
        conditions = list(_starts(terms.c.term, match.word))
    for word in match.others:
        other = terms.alias()
        conditions.append(exists().where(other.c.idea_id == terms.c.idea_id, *_starts(other.c.term, word)))
    return conditions


def matching_ids(connection, q, statuses, category_id=None, district_id=None):
    """The ids, each once, of the ideas in `statuses` (and the category and district) that `q`
    matches, read from the index alone (the same ideas as `matching`), or None when no indexed
    word can match."""
    match = text_match(connection, q)
    if match is None:
        return None
    t = terms.c
    conditions = [*match_conditions(match), t.status.in_(list(statuses))]
    if category_id is not None:
        conditions.append(t.category_id == category_id)
    if district_id is not None:
        conditions.append(t.district_id == district_id)
    ids = select(t.idea_id).where(*conditions)
    # One word's rows hold each idea once; several words may both start with the search.
    return ids if match.term is not None else ids.distinct()


def matching_count_query(connection, q, statuses, category_id=None, district_id=None, cap=None):
    """The statement counting `matching_ids`, at most cap + 1 of them with `cap` (past the cap the
    exact number costs a read of every match and tells a reader nothing more); None as there."""
    ids = matching_ids(connection, q, statuses, category_id, district_id)
    if ids is None:
        return None
    if cap is not None:
        ids = ids.limit(cap + 1)
    return select(func.count()).select_from(ids.subquery())


def matching_count(connection, q, statuses, category_id=None, district_id=None, cap=None):
    """How many ideas `matching_count_query` counts."""
    query = matching_count_query(connection, q, statuses, category_id, district_id, cap)
    return 0 if query is None else connection.execute(query).scalar_one()
