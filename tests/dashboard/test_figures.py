"""The dashboard's figures, read from its aggregates, equal counts made here from the rows."""

import statistics
from collections import Counter

from sqlalchemy import select

from app.dashboard import queries
from app.dashboard.aggregates import refresh_figures
from app.dashboard.queries import Filters
from app.ideas.models import Idea
from app.moderation.models import ModerationAction
from app.votes.models import Vote

NONE = -1


def _refresh(db):
    refresh_figures(db.session.connection())
    db.session.commit()


def _ideas(db):
    return db.session.scalars(select(Idea)).all()


def _votes(db):
    return db.session.execute(select(Vote, Idea).join(Idea, Idea.id == Vote.idea_id)).all()


def _key(idea, dimension, when=None):
    if dimension == "month":
        return (when or idea.created_at).strftime("%Y-%m")
    if dimension == "district_id":
        return idea.district_id if idea.district_id is not None else NONE
    return getattr(idea, dimension)


def _direct(db, dimension, keep=lambda idea, when: True):
    """{key: {received, published, supports}} counted from ideas and votes themselves."""
    found = {}

    def slot(key):
        return found.setdefault(key, {"received": 0, "published": 0, "supports": 0})

    for idea in _ideas(db):
        if keep(idea, idea.created_at):
            entry = slot(_key(idea, dimension))
            entry["received"] += 1
            entry["published"] += idea.status == "published"
    for vote, idea in _votes(db):
        if idea.status == "published" and keep(idea, vote.created_at):
            slot(_key(idea, dimension, vote.created_at))["supports"] += 1
    return found


def test_every_breakdown_equals_the_counts_of_the_rows(db, city):
    _refresh(db)
    for dimension in ("month", "category_id", "district_id", "source", "language"):
        assert queries.figures_by(dimension, Filters()) == _direct(db, dimension), dimension
    received = len(_ideas(db))
    published = sum(i.status == "published" for i in _ideas(db))
    supports = sum(1 for _v, i in _votes(db) if i.status == "published")
    assert queries.totals(Filters()) == {"received": received, "published": published, "supports": supports}
    assert (received, published, supports) == (6, 4, 10)


def test_period_category_and_district_filters_equal_the_counts_of_the_rows(db, city):
    _refresh(db)
    mobility, _shade = city["categories"]
    maarif = city["districts"]["maarif"]
    selections = [
        (Filters("2026-09", "2026-10"), lambda i, when: "2026-09" <= when.strftime("%Y-%m") <= "2026-10"),
        (Filters(category_id=mobility.id), lambda i, when: i.category_id == mobility.id),
        (Filters(district_id=maarif.id), lambda i, when: i.district_id == maarif.id),
        (
            Filters("2026-01", "2026-12", mobility.id, maarif.id),
            lambda i, when: when.year == 2026 and i.category_id == mobility.id and i.district_id == maarif.id,
        ),
    ]
    for filters, keep in selections:
        for dimension in ("month", "category_id", "district_id", "source", "language"):
            assert queries.figures_by(dimension, filters) == _direct(db, dimension, keep), (
                filters,
                dimension,
            )


def test_moderation_throughput_and_median_time_equal_the_actions(db, city):
    _refresh(db)
    first = {}
    for action in db.session.scalars(select(ModerationAction).order_by(ModerationAction.id)):
        if action.action in ("approve", "reject", "request_changes"):
            first.setdefault(action.idea_id, action)
    ideas = {i.id: i for i in _ideas(db)}
    per_month = Counter((a.created_at.strftime("%Y-%m"), a.action) for a in first.values())
    hours = {
        idea_id: int((a.created_at - ideas[idea_id].created_at).total_seconds() // 3600)
        for idea_id, a in first.items()
    }
    found = queries.decisions_by_month(Filters())
    assert {(m, a): n for m, f in found.items() for a in ("approve", "reject") if (n := f[a])} == dict(
        per_month
    )
    every = Counter()
    for figures in found.values():
        every.update(figures["hours"])
    assert queries.median_of_counts(every) == statistics.median(hours.values())
    assert sorted(hours.values()) == [2, 5, 30, 50, 100]


def test_participants_per_district_are_the_distinct_authors_and_supporters(db, city):
    _refresh(db)
    people = {}
    for idea in _ideas(db):
        if idea.status == "published":
            people.setdefault(_key(idea, "district_id"), set()).add(idea.author_id)
    for vote, idea in _votes(db):
        if idea.status == "published":
            people.setdefault(_key(idea, "district_id"), set()).add(vote.user_id)
    assert queries.participants_by_district() == {k: len(v) for k, v in people.items()}


def test_creathon_contribution_counts_the_event_ideas(db, city):
    _refresh(db)
    ((event, ideas, published, supports),) = queries.event_figures()
    assert event.slug == "creathon-anfa"
    assert (ideas, published, supports) == (1, 1, 2)


def test_refreshing_twice_gives_the_same_figures(db, city):
    _refresh(db)
    before = {d: queries.figures_by(d, Filters()) for d in ("month", "district_id")}
    _refresh(db)
    assert {d: queries.figures_by(d, Filters()) for d in ("month", "district_id")} == before
    assert queries.state().refreshed_at is not None


def test_median_of_counts_handles_even_odd_and_empty():
    assert queries.median_of_counts({}) is None
    assert queries.median_of_counts({3: 1}) == 3
    assert queries.median_of_counts({1: 1, 5: 1}) == 3
    assert queries.median_of_counts({1: 2, 9: 1}) == 1
    assert queries.median_of_counts({0: 2, 4: 2}) == 2


def test_top_ideas_are_the_most_supported_published_ideas_of_the_selection(db, city):
    _refresh(db)
    mobility, _shade = city["categories"]
    maarif = city["districts"]["maarif"]
    for filters, keep in [
        (Filters(), lambda i: True),
        (Filters(category_id=mobility.id), lambda i: i.category_id == mobility.id),
        (Filters(district_id=maarif.id), lambda i: i.district_id == maarif.id),
        (
            Filters(category_id=mobility.id, district_id=maarif.id),
            lambda i: i.category_id == mobility.id and i.district_id == maarif.id,
        ),
    ]:
        wanted = sorted(
            (i for i in _ideas(db) if i.status == "published" and keep(i)),
            key=lambda i: (-i.support_count, -i.id),
        )[:10]
        assert [(i.id, i.support_count) for i in wanted] == [(i.id, n) for i, n in queries.top_ideas(filters)]


def test_the_worker_recomputes_the_figures_every_ten_minutes(db, city):
    from app.jobs.registry import SCHEDULE

    function, when = SCHEDULE["dashboard_figures"]
    assert when == {"minute": "*/10"}
    assert queries.state() is None
    function(None)
    db.session.commit()
    assert queries.state() is not None
    assert queries.totals(Filters())["received"] == 6
