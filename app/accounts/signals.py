"""What accounts tell the features above them, without importing them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the new user when someone registers from the web form (the privacy feature
# records which version of its notice they accepted).
account_registered = _signals.signal("account-registered")
