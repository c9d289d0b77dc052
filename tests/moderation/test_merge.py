"""Marking a duplicate moves its supports to the original and keeps both counts exact."""

from app.extensions import db
from app.moderation import queries, services
from app.moderation.models import ModerationAction
from app.votes.models import Vote
from tests.factories import make_idea, make_user
from tests.moderation.helpers import support, supporters


def _votes(idea):
    return db.session.query(Vote).filter_by(idea_id=idea.id).count()


def test_merge_moves_supports_without_counting_anyone_twice(client, auth, outbox):
    original, duplicate = make_idea(title="Shade trees"), make_idea(title="Shade trees please")
    both, only_dup, only_orig = supporters(2), supporters(3), supporters(1)
    support(original, *both, *only_orig)
    support(duplicate, *both, *only_dup)
    db.session.commit()
    auth.login(role="moderator")
    client.post(
        f"/moderation/ideas/{duplicate.id}/merge",
        data={"version": duplicate.updated_at.isoformat(), "original": str(original.id)},
    )
    db.session.expire_all()
    assert duplicate.status == "merged" and duplicate.merged_into_id == original.id
    assert original.support_count == _votes(original) == 6
    assert duplicate.support_count == _votes(duplicate) == 0
    recipients = {m.to[0] for m in outbox}
    assert {u.email for u in both + only_dup} <= recipients
    action = db.session.query(ModerationAction).filter_by(action="merge").one()
    assert action.after["original_support_count"] == 6


def test_merge_of_an_idea_without_supports_leaves_the_original_count_alone(app):
    moderator = make_user(role="moderator")
    original, duplicate = make_idea(), make_idea(status="pending")
    support(original, *supporters(2))
    services.merge_idea(duplicate, original, moderator, duplicate.updated_at)
    assert original.support_count == _votes(original) == 2


def test_an_idea_cannot_be_merged_into_itself_or_an_unpublished_one(client, auth):
    idea, pending = make_idea(), make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    for target in (idea.id, pending.id, 999999):
        client.post(
            f"/moderation/ideas/{idea.id}/merge",
            data={"version": idea.updated_at.isoformat(), "original": str(target)},
        )
        db.session.refresh(idea)
        assert idea.status == "published"


def test_merged_target_follows_the_chain_to_the_original(app):
    moderator = make_user(role="moderator")
    first, second, third = make_idea(), make_idea(), make_idea()
    services.merge_idea(second, first, moderator, second.updated_at)
    services.merge_idea(third, first, moderator, third.updated_at)
    assert queries.merged_target(second) == first and queries.merged_target(first) is None


def test_the_page_of_a_merged_duplicate_redirects_to_the_original(app, client):
    from flask import Blueprint

    # The ideas feature owns the detail page; a stand-in with the same endpoint name.
    if "ideas.detail" not in app.view_functions:
        ideas = Blueprint("ideas", __name__)
        ideas.add_url_rule("/ideas/<int:idea_id>", "detail", lambda idea_id: f"idea {idea_id}")
        app.register_blueprint(ideas)
    moderator = make_user(role="moderator")
    original, duplicate = make_idea(), make_idea()
    services.merge_idea(duplicate, original, moderator, duplicate.updated_at)
    db.session.commit()
    response = client.get(f"/ideas/{duplicate.id}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/ideas/{original.id}")
    assert client.get(f"/ideas/{original.id}").status_code == 200
