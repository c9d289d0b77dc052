"""A comment's text: plain text in, safe HTML out (line breaks and links only), its language.

Residents type plain text. It is escaped, its web addresses become links and its line breaks
`<br>`, then nh3 (the Ammonia sanitiser) keeps only those two elements, only http(s) links and
sets `rel="nofollow ugc noopener"` itself: whatever the escaping missed, no markup from a
resident reaches a page."""

import re

import nh3
from markupsafe import Markup, escape

MAX_LENGTH = 3000
LINK_REL = "nofollow ugc noopener"
# An address in already-escaped text: stops at spaces, quotes and entity starts.
_URL = re.compile(r"\bhttps?://[^\s<>\"'&]+(?:&amp;[^\s<>\"'&]+)*", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»"
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
_FRENCH_WORDS = {
    "le",
    "la",
    "les",
    "des",
    "est",
    "une",
    "et",
    "pour",
    "dans",
    "pas",
    "du",
    "au",
    "que",
    "sur",
}
_ENGLISH_WORDS = {"the", "and", "is", "of", "to", "for", "in", "this", "with", "not", "it", "on", "that"}


def _link(match):
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        url, tail = url[:-1], url[-1] + tail
    return f'<a href="{url}">{url}</a>{tail}'


def render(body):
    """The comment as HTML: escaped, linked, line breaks kept, sanitised by nh3."""
    escaped = str(escape(body.replace("\r\n", "\n").strip()))
    linked = _URL.sub(_link, escaped).replace("\n", "<br>\n")
    return Markup(  # noqa: S704  (the output of nh3 with two allowed elements)
        nh3.clean(
            linked,
            tags={"a", "br"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel=LINK_REL,
        )
    )


def normalise(body):
    """What is stored: line endings unified, spaces at the ends and runs of blank lines trimmed."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def detect_language(body, fallback):
    """`ar` when Arabic letters dominate, else French or English by their commonest words, else
    `fallback` (the language the resident declared or reads the site in)."""
    arabic, latin = len(_ARABIC.findall(body)), len(_LATIN.findall(body))
    if arabic > latin:
        return "ar"
    words = re.findall(r"[a-zà-ÿ']+", body.lower())
    french = sum(word in _FRENCH_WORDS for word in words)
    english = sum(word in _ENGLISH_WORDS for word in words)
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return fallback
