"""Job handlers by name: each feature registers the work it hands to the worker."""

HANDLERS = {}


def handler(name):
    """Register `function(payload)` as the job `name`; it may flush, never commit."""

    def decorator(function):
        HANDLERS[name] = function
        return function

    return decorator
