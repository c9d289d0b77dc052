"""Job handlers by name, and the timetable: each feature registers the work it hands to the worker."""

from datetime import datetime

HANDLERS = {}
# {name: (function, crontab fields)}: what the worker runs on a timetable.
SCHEDULE = {}


def handler(name):
    """Register `function(payload)` as the job `name`; it may flush, never commit."""

    def decorator(function):
        HANDLERS[name] = function
        return function

    return decorator


def schedule(name, function, **when):
    """Run `function(now)` as the job `name` at the times `when` (Huey crontab fields, UTC:
    minute, hour, day, month, day_of_week). It may flush, never commit: the worker commits once.
    Every worker's scheduler fires, but one job is queued per slot (its key), and it has the
    tries, failures list and lease of every job. `now` is the slot's minute."""
    SCHEDULE[name] = (function, when)
    HANDLERS[name] = lambda payload: function(datetime.fromisoformat(payload["now"]))
