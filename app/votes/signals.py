"""What the votes feature tells the features above it, without importing them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the resident as sender and `idea_id`, when a support is recorded (not a repeat).
idea_supported = _signals.signal("idea-supported")
