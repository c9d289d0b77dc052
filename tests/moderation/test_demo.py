"""The demo gives the city's answer to a few published ideas, once."""

from app.demo.accounts import seed_demo_accounts
from app.extensions import db
from app.moderation.demo import seed_demo_moderation
from app.moderation.models import PublicStatusEntry
from tests.factories import make_idea


def test_demo_answers_a_few_published_ideas_and_is_idempotent(app):
    seed_demo_accounts()
    for _ in range(4):
        make_idea()
    assert seed_demo_moderation() == 4
    assert seed_demo_moderation() == 0
    assert db.session.query(PublicStatusEntry).count() == 4


def test_full_demo_leaves_work_in_the_moderation_queue(app, runner):
    from app.moderation.queries import waiting_count

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    db.session.expire_all()
    # Three ideas awaiting pre-moderation and one reported idea.
    assert waiting_count() == 4
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert waiting_count() == 4
