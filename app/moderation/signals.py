"""What moderation tells the features above it, without importing them."""

from blinker import Namespace

_signals = Namespace()

# Sent with the idea after a decision its proposer hears of, in the decision's transaction:
# `outcome` is "published", "rejected" (with `reason` and `message`) or "answered" (with
# `status` and `explanation`). Receivers may flush and queue jobs, never commit.
idea_decided = _signals.signal("idea-decided")
