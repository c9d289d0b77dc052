"""`seed-demo --ideas N` adds N placed, published ideas in the city, with exact map cells."""

import pytest
from sqlalchemy import func, select

from app.ideas.categories import DEFAULT_CATEGORIES
from app.ideas.models import Category, Idea
from tests.mapindex.helpers import CITY, assert_cells_exact

pytestmark = pytest.mark.committing  # the seed writes through connections of its own


def test_seed_demo_ideas_creates_that_many_published_ideas(db, runner):
    result = runner.invoke(args=["seed-demo", "--ideas", "2500", "--seed", "4"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.query(Idea).filter_by(status="published").count() == 2500
    west, south, east, north = CITY
    lng_min, lng_max, lat_min, lat_max = db.session.execute(
        select(func.min(Idea.lng), func.max(Idea.lng), func.min(Idea.lat), func.max(Idea.lat))
    ).one()
    assert west <= lng_min and lng_max <= east and south <= lat_min and lat_max <= north
    assert db.session.query(Category).count() == len(DEFAULT_CATEGORIES)
    assert_cells_exact()


def test_seed_demo_ideas_adds_to_existing_ideas_and_keeps_categories(db, runner):
    runner.invoke(args=["seed-demo", "--ideas", "100"])
    result = runner.invoke(args=["seed-demo", "--ideas", "50"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.query(Idea).count() == 150
    assert db.session.query(Category).count() == len(DEFAULT_CATEGORIES)
    assert_cells_exact()


def test_seed_demo_without_ideas_still_creates_the_demo_accounts(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "citizen@agora.local" in result.output


def test_seed_demo_refuses_a_non_positive_count(runner):
    assert runner.invoke(args=["seed-demo", "--ideas", "0"]).exit_code != 0
