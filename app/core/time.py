"""The clock: naive UTC datetimes, as every DateTime column stores them."""

from datetime import UTC, datetime


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)
