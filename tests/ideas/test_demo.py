"""Demo content: illustrative districts and published ideas, created once."""

from sqlalchemy import func, select

from app.demo.accounts import seed_demo_accounts
from app.ideas.demo import DEMO_IDEAS, seed_demo_ideas
from app.ideas.models import Category, District, Idea
from tests.factories import make_category


def _categories_for_demo(db):
    # On PostgreSQL the tables are truncated between tests, so the migration's categories may be gone.
    present = set(db.session.scalars(select(Category.slug)))
    for slug in sorted({row[2] for row in DEMO_IDEAS} - present):
        make_category(slug=slug)


def test_seed_demo_ideas_creates_illustrative_districts_and_published_ideas_once(db):
    seed_demo_accounts()
    _categories_for_demo(db)
    assert seed_demo_ideas() == len(DEMO_IDEAS) >= 20
    assert seed_demo_ideas() == 0
    districts = db.session.scalars(select(District)).all()
    assert len(districts) >= 8 and all(d.is_illustrative for d in districts)
    ideas = db.session.scalars(select(Idea)).all()
    assert all(i.status == "published" and i.district_id is not None for i in ideas)
    assert {i.language for i in ideas} == {"fr", "ar"}
    assert db.session.scalar(select(func.count(Idea.id))) == len(DEMO_IDEAS)


def test_illustrative_boundaries_are_named_as_such(client, db):
    seed_demo_accounts()
    _categories_for_demo(db)
    seed_demo_ideas()
    db.session.commit()
    idea = db.session.scalar(select(Idea).order_by(Idea.id))
    assert "illustrative boundaries" in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "illustrative, not official" in client.get("/map?lang=en").get_data(as_text=True)
