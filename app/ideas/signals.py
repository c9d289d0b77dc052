"""Signals for features above ideas (moderation, notifications) to follow what authors do."""

from blinker import Namespace

_signals = Namespace()

idea_submitted = _signals.signal("idea-submitted")
idea_updated = _signals.signal("idea-updated")
idea_withdrawn = _signals.signal("idea-withdrawn")
