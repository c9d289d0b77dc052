"""`flask seed-demo` gives a newcomer a city: a year of ideas across categories and districts,
supports from several residents, answers of every kind, créathon outcomes in several categories."""

from sqlalchemy import func, select

from app.creathon.models import Outcome
from app.extensions import db
from app.ideas.models import Idea
from app.moderation.models import PublicStatusEntry
from app.votes.models import Vote


def test_the_demo_city_is_spread_over_a_year_and_lively_this_month(app, client, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    db.session.expire_all()
    published = db.session.scalars(
        select(Idea).where(Idea.status == "published", Idea.source == "citizen")
    ).all()
    months = {idea.created_at.strftime("%Y-%m") for idea in published}
    assert len(months) >= 8
    assert len({idea.category_id for idea in published}) >= 8
    assert len({idea.district_id for idea in published}) >= 6
    assert db.session.scalar(select(func.count(func.distinct(Vote.user_id)))) >= 8
    counts = [idea.support_count for idea in published]
    assert max(counts) >= 5 and len(set(counts)) >= 4
    answers = {entry.status for entry in db.session.scalars(select(PublicStatusEntry))}
    assert {"done", "in_progress", "planned", "not_retained", "under_study", "accepted"} <= answers
    outcome_categories = db.session.scalar(
        select(func.count(func.distinct(Idea.category_id))).join(Outcome, Outcome.idea_id == Idea.id)
    )
    assert outcome_categories >= 4
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Coming up" in page and "Recently held" in page and "latest answers" in page
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
