"""Stored counters checked against the rows they count: the drift `flask verify` reports."""

from sqlalchemy import func, select

from app.extensions import db


def counter_drift(columns, counter, owner_id, counted, limit=None):
    """`columns`, the stored `counter` and the true count of the rows whose stored counter
    differs, by `owner_id`. `counted` is a subquery of (`key`, `n`): the owner's id and its
    number of counted rows; an owner absent from it has none."""
    actual = func.coalesce(counted.c.n, 0)
    stmt = (
        select(*columns, counter, actual.label("actual"))
        .outerjoin(counted, counted.c.key == owner_id)
        .where(counter != actual)
        .order_by(owner_id)
    )
    return db.session.execute(stmt if limit is None else stmt.limit(limit)).all()
