"""Demo content: illustrative districts and ideas (a few left for moderators), created once."""

from sqlalchemy import func, select

from app.demo.accounts import seed_demo_accounts
from app.ideas.demo import DEMO_IDEAS, PENDING_IN_DEMO, seed_demo_ideas
from app.ideas.models import District, Idea


def test_seed_demo_ideas_creates_illustrative_districts_and_ideas_once(db):
    seed_demo_accounts()
    assert seed_demo_ideas() == len(DEMO_IDEAS) >= 20
    assert seed_demo_ideas() == 0
    districts = db.session.scalars(select(District)).all()
    assert len(districts) >= 8 and all(d.is_illustrative for d in districts)
    ideas = db.session.scalars(select(Idea)).all()
    assert all(i.district_id is not None for i in ideas)
    statuses = [i.status for i in ideas]
    assert statuses.count("pending") == PENDING_IN_DEMO
    assert statuses.count("published") == len(DEMO_IDEAS) - PENDING_IN_DEMO
    assert {i.language for i in ideas} == {"fr", "ar"}
    assert db.session.scalar(select(func.count(Idea.id))) == len(DEMO_IDEAS)


def test_demo_ideas_look_like_a_city_over_a_year(db):
    seed_demo_accounts()
    seed_demo_ideas()
    ideas = db.session.scalars(select(Idea)).all()
    months = {(i.created_at.year, i.created_at.month) for i in ideas}
    ages = [(max(i.created_at for i in ideas) - i.created_at).days for i in ideas]
    # Spread over the past twelve months, in many categories and districts, not one of each.
    assert len(months) >= 9 and max(ages) >= 300
    assert len({i.category_id for i in ideas}) >= 6
    assert len({i.district_id for i in ideas}) >= 6


def test_illustrative_boundaries_are_named_as_such(client, db):
    seed_demo_accounts()
    seed_demo_ideas()
    db.session.commit()
    idea = db.session.scalar(select(Idea).order_by(Idea.id))
    assert "illustrative boundaries" in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "illustrative, not official" in client.get("/map?lang=en").get_data(as_text=True)


def test_default_categories_match_the_migration(app):
    from pathlib import Path

    from app.ideas.categories import DEFAULT_CATEGORIES

    migration = next(Path(app.config["MIGRATIONS_DIR"], "versions").glob("*_0002_*.py")).read_text()
    for slug, _theme, fr, ar, en, colour in DEFAULT_CATEGORIES:
        assert all(value in migration for value in (f'"{slug}"', fr, ar, en, colour))
