"""What accounts tell the features above them, without importing them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the new user when someone registers from the web form (the privacy feature
# records which version of its notice they accepted).
account_registered = _signals.signal("account-registered")

# Sent with the user when their email address is verified (from the link, or by a password reset
# link): features holding things left under that address (ideas entered by a relay) hand them over.
email_verified = _signals.signal("email-verified")
