"""Forms that carry a photo: a phone photo far above the photo limit still reaches the view, so
that the form comes back with its fields and a clear message instead of a bare 413 page. Each
uploaded file is kept only up to the photo limit plus one byte, the rest is read and dropped."""

import io

from flask import current_app, request
from werkzeug.formparser import FormDataParser

PHOTO_FORM = "_photo_form"


def photo_form(max_bytes):
    """Mark a view whose form carries files of at most `max_bytes` (the mark survives
    `functools.wraps`, so it may stand under other decorators)."""

    def mark(view):
        setattr(view, PHOTO_FORM, max_bytes)
        return view

    return mark


class _CappedFile(io.BytesIO):
    """Keeps the first `cap` bytes written; enough to tell that a file is too large."""

    def __init__(self, cap):
        super().__init__()
        self.cap = cap

    def write(self, data):
        room = self.cap - self.tell()
        if room > 0:
            super().write(bytes(data[:room]))
        return len(data)


def _parser_keeping(cap):
    def stream_factory(*_args, **_kwargs):
        return _CappedFile(cap)

    class CappedParser(FormDataParser):
        def __init__(self, *args, **kwargs):
            kwargs["stream_factory"] = stream_factory
            super().__init__(*args[1:], **kwargs)

    return CappedParser


def _allow_photo_forms():
    view = current_app.view_functions.get(request.endpoint or "")
    max_bytes = getattr(view, PHOTO_FORM, None) if view is not None else None
    if max_bytes is None or request.method != "POST":
        return
    request.max_content_length = current_app.config["PHOTO_FORM_MAX_LENGTH"]
    request.form_data_parser_class = _parser_keeping(max_bytes + 1)


def init_uploads(app):
    """Registered before CSRF protection, which is the first to read the form."""
    app.before_request(_allow_photo_forms)
