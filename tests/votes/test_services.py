"""The support rules and the exact counter, through the services."""

import pytest

from app.votes import queries, services
from app.votes.models import Vote
from app.votes.services import VoteNotAllowed
from tests.factories import make_category, make_idea, make_user


@pytest.fixture(autouse=True)
def request_context(app):
    # Refusal messages are translated into the language of the request.
    with app.test_request_context():
        yield


def _rows(db, idea):
    return db.session.query(Vote).filter_by(idea_id=idea.id).count()


def _fresh_count(db, idea):
    db.session.expire(idea)
    return idea.support_count


def test_support_adds_one_row_and_one_to_the_counter(db):
    user, idea = make_user(), make_idea()
    result = services.cast_vote(user, idea)
    db.session.commit()
    assert result == (True, 1, True, None)
    assert _rows(db, idea) == 1
    assert _fresh_count(db, idea) == 1


def test_second_support_on_same_idea_is_ignored(db):
    user, idea = make_user(), make_idea()
    services.cast_vote(user, idea)
    db.session.commit()
    result = services.cast_vote(user, idea)
    db.session.commit()
    assert result == (True, 1, False, None)
    assert _rows(db, idea) == 1
    assert _fresh_count(db, idea) == 1


def test_supports_of_several_residents_add_up(db):
    idea = make_idea()
    for _ in range(3):
        services.cast_vote(make_user(), idea)
    db.session.commit()
    assert _fresh_count(db, idea) == 3 == _rows(db, idea)


def test_withdrawing_removes_the_row_and_lowers_the_counter(db):
    user, idea = make_user(), make_idea()
    services.cast_vote(user, idea)
    db.session.commit()
    result = services.withdraw_vote(user, idea)
    db.session.commit()
    assert result == (False, 0, True, None)
    assert _rows(db, idea) == 0
    assert _fresh_count(db, idea) == 0


def test_withdrawing_a_support_never_given_changes_nothing(db):
    idea = make_idea()
    services.cast_vote(make_user(), idea)
    result = services.withdraw_vote(make_user(), idea)
    db.session.commit()
    assert result == (False, 1, False, None)
    assert _fresh_count(db, idea) == 1 == _rows(db, idea)


def test_authors_may_support_their_own_idea_like_anyone_else(db):
    author = make_user()
    idea = make_idea(author=author)
    assert services.cast_vote(author, idea).changed
    db.session.commit()
    assert _fresh_count(db, idea) == 1


@pytest.mark.parametrize(
    "status", ["pending", "changes_requested", "rejected", "hidden", "withdrawn", "merged"]
)
def test_ideas_that_are_not_published_cannot_be_supported(db, status):
    idea = make_idea(status=status)
    with pytest.raises(VoteNotAllowed) as refusal:
        services.cast_vote(make_user(), idea)
    assert refusal.value.reason == "not_published"
    assert refusal.value.status == 409
    db.session.commit()
    assert _rows(db, idea) == 0 and _fresh_count(db, idea) == 0


def test_unverified_residents_cannot_support(db):
    idea = make_idea()
    with pytest.raises(VoteNotAllowed) as refusal:
        services.cast_vote(make_user(verified=False), idea)
    assert (refusal.value.reason, refusal.value.status) == ("unverified", 403)
    assert "adresse e-mail" in str(refusal.value)  # in French, the default language
    assert _rows(db, idea) == 0


def test_blocked_residents_cannot_support(db):
    user = make_user()
    user.is_blocked = True
    idea = make_idea()
    with pytest.raises(VoteNotAllowed) as refusal:
        services.cast_vote(user, idea)
    assert (refusal.value.reason, refusal.value.status) == ("blocked", 403)


def test_closing_the_round_refuses_supports_and_withdrawals(db):
    user, idea = make_user(), make_idea()
    services.cast_vote(user, idea)
    services.update_settings(False, None, [])
    db.session.commit()
    with pytest.raises(VoteNotAllowed) as refusal:
        services.cast_vote(make_user(), idea)
    assert refusal.value.reason == "closed"
    with pytest.raises(VoteNotAllowed):
        services.withdraw_vote(user, idea)
    db.session.rollback()
    assert _fresh_count(db, idea) == 1 == _rows(db, idea)


def test_reopening_the_round_allows_supports_again(db):
    idea = make_idea()
    services.update_settings(False, None, [])
    services.update_settings(True, None, [])
    assert services.cast_vote(make_user(), idea).changed


def test_closing_a_category_refuses_supports_only_in_that_category(db):
    closed, open_ = make_category(), make_category()
    idea_closed, idea_open = make_idea(category=closed), make_idea(category=open_)
    services.update_settings(True, None, [closed.id])
    user = make_user()
    with pytest.raises(VoteNotAllowed) as refusal:
        services.cast_vote(user, idea_closed)
    assert refusal.value.reason == "category_closed"
    assert services.cast_vote(user, idea_open).changed
    services.update_settings(True, None, [])
    assert services.cast_vote(user, idea_closed).changed
    assert queries.closed_category_ids() == set()


def test_maximum_supports_per_person_is_enforced(db):
    services.update_settings(True, 2, [])
    user = make_user()
    first, second, third = make_idea(), make_idea(), make_idea()
    services.cast_vote(user, first)
    services.cast_vote(user, second)
    assert queries.supports_left(user.id) == 0
    with pytest.raises(VoteNotAllowed) as refusal:
        services.cast_vote(user, third)
    assert refusal.value.reason == "maximum"
    assert "2" in str(refusal.value)
    db.session.commit()
    assert _fresh_count(db, third) == 0 == _rows(db, third)


def test_at_the_maximum_supporting_again_the_same_idea_is_a_no_op(db):
    services.update_settings(True, 1, [])
    user, idea = make_user(), make_idea()
    services.cast_vote(user, idea)
    assert services.cast_vote(user, idea) == (True, 1, False, 0)


def test_withdrawing_gives_a_support_back(db):
    services.update_settings(True, 1, [])
    user, first, second = make_user(), make_idea(), make_idea()
    services.cast_vote(user, first)
    services.withdraw_vote(user, first)
    assert queries.supports_left(user.id) == 1
    assert services.cast_vote(user, second).changed


def test_no_maximum_means_no_supports_left_figure(db):
    assert queries.supports_left(make_user().id) is None


def test_settings_default_to_open_without_maximum(db):
    assert queries.round_settings() == queries.RoundSettings(True, None)


def test_deleting_an_account_takes_its_supports_off_the_counters(db):
    leaving, staying, idea = make_user(), make_user(), make_idea()
    services.cast_vote(leaving, idea)
    services.cast_vote(staying, idea)
    db.session.commit()
    db.session.delete(leaving)
    db.session.commit()
    assert _fresh_count(db, idea) == 1 == _rows(db, idea)


def test_demo_citizen_supports_published_ideas_once(db):
    from app.votes.demo import seed_demo_votes

    make_user(email="citizen@agora.local")
    published = make_idea()
    make_idea(status="pending")
    assert seed_demo_votes() == 1
    assert seed_demo_votes() == 0
    assert _fresh_count(db, published) == 1


def test_only_the_one_support_per_idea_rule_counts_as_a_duplicate(db):
    from sqlalchemy.exc import IntegrityError

    from app.accounts.models import User
    from app.core.time import utcnow

    idea = make_idea()
    db.session.commit()
    ghost = User(id=999999, email_verified_at=utcnow(), is_blocked=False)
    with pytest.raises(IntegrityError):
        services.cast_vote(ghost, idea)
    db.session.rollback()
    assert _fresh_count(db, idea) == 0
