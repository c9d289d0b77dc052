"""Notification texts: each kind registers how to word itself in the reader's language."""

_renderers = {}


def register_kind(kind, renderer):
    """`renderer(params) -> str` is called with the reader's locale active."""
    _renderers[kind] = renderer


def notification_text(kind, params):
    renderer = _renderers.get(kind)
    return renderer(params or {}) if renderer else ""
