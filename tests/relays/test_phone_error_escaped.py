"""A phone number the resident typed comes back in the error message as text, never as markup."""

from app.relays.phones import InvalidPhone, normalise_phone


def test_a_typed_phone_with_markup_is_escaped_in_the_error(app):
    from markupsafe import escape

    with app.test_request_context("/?lang=en"):
        try:
            normalise_phone("<b>nope</b>")
        except InvalidPhone as error:
            shown = str(escape(error.args[0]))
        assert "<b>" not in shown and "&lt;b&gt;nope&lt;/b&gt;" in shown
