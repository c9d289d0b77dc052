"""The clock: naive UTC datetimes, as every DateTime column stores them."""

from datetime import UTC, datetime


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


def month_start(now=None):
    """Midnight on the first day of the current month (UTC, naive like the stored times)."""
    now = now or utcnow()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
