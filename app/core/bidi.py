"""Text of unknown direction inside a sentence: a French title in an Arabic notification, a
name with brackets in an Arabic button, coordinates. Isolated, it keeps its own order and its
punctuation stays with it, and the sentence around it keeps its own ("(Nadia (facilitatrice"
becomes "(Nadia (facilitatrice))" again). In HTML the `<bdi>` element or `dir="auto"` does the
same for whole elements; these helpers serve strings, which also travel in mails and exports."""

from markupsafe import Markup, escape

FIRST_STRONG_ISOLATE = "\u2068"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(text):
    """`text` isolated, taking the direction of its first strong letter (Unicode FSI … PDI)."""
    text = "" if text is None else str(text)
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


def left_to_right(text):
    """Numbers and coordinates: always read left to right, even on Arabic pages (LRI … PDI)."""
    return f"{LEFT_TO_RIGHT_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def bdi(text, lang=None):
    """`<bdi>` around user text in a page, with its language when known."""
    attribute = Markup(' lang="{}"').format(lang) if lang else ""
    return Markup("<bdi{}>{}</bdi>").format(attribute, escape(text))


def register_bidi_filters(app):
    app.jinja_env.filters["isolate"] = isolate
    app.jinja_env.filters["bdi"] = bdi
