"""Phone numbers given for a resident: Moroccan or international mobiles, kept in E.164 form."""

import phonenumbers
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

MAX_INPUT = 40
# The number is only ever used for a text message: a landline (05 22 …) or a toll-free number
# would pass as valid and then never hear of the idea.
TEXTABLE = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
}


class InvalidPhone(ValueError):
    """The number cannot be a real phone number; the message is safe to show."""


def normalise_phone(text, region="MA"):
    """'+212612345678' from '06 12 34 56 78', '+212 6-12-34-56-78' or '+33 6 12 34 56 78'; None
    for an empty cell; InvalidPhone for anything else, landlines included."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_INPUT:
        raise InvalidPhone(_l("This phone number is too long."))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhone(_("“%(value)s” is not a phone number.", value=text)) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(
            _(
                "“%(value)s” is not a valid phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78).",
                value=text,
            )
        )
    if phonenumbers.number_type(number) not in TEXTABLE:
        raise InvalidPhone(
            _(
                "“%(value)s” cannot receive text messages (a landline?): give a mobile number, or none.",
                value=text,
            )
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def masked(phone):
    """The number as relays see it in lists: the last two digits only."""
    return f"•••• {phone[-2:]}" if phone else ""
