"""The relays' work done by the worker: the resident's status message."""

from app.jobs.registry import handler
from app.relays.status import send_status


@handler("relay_status")
def relay_status(payload):
    send_status(payload)
