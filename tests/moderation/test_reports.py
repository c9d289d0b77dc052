"""Citizens report ideas; enough reports hide an idea until a moderator reviews it."""

from app.extensions import db
from app.moderation.models import ModerationAction, Report
from tests.factories import make_idea, make_user


def _report(client, idea, **data):
    return client.post(
        f"/ideas/{idea.id}/report?lang=en",
        data={"reason": "spam", "target": "idea", **data},
        follow_redirects=True,
    )


def test_a_signed_in_user_reports_an_idea_once(client, auth):
    idea = make_idea()
    db.session.commit()
    user = auth.login()
    assert client.get(f"/ideas/{idea.id}/report").status_code == 200
    _report(client, idea, reason="offensive")
    page = _report(client, idea, reason="spam").get_data(as_text=True)
    assert "You have already reported this idea" in page
    reports = db.session.query(Report).filter_by(idea_id=idea.id).all()
    assert [(r.reporter_id, r.reason) for r in reports] == [(user.id, "offensive")]


def test_visitors_must_sign_in_to_report(client):
    idea = make_idea()
    db.session.commit()
    response = client.post(f"/ideas/{idea.id}/report", data={"reason": "spam"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.query(Report).count() == 0


def test_other_reason_needs_details_and_bad_input_records_nothing(client, auth):
    idea = make_idea()
    db.session.commit()
    auth.login()
    response = client.post(f"/ideas/{idea.id}/report?lang=en", data={"reason": "other", "target": "idea"})
    assert response.status_code == 422
    assert "Explain the problem in a few words." in response.get_data(as_text=True)
    response = client.post(f"/ideas/{idea.id}/report?lang=en", data={"reason": "nonsense", "target": "idea"})
    assert response.status_code == 422
    assert db.session.query(Report).count() == 0


def test_reporting_a_photo_requires_the_idea_to_have_one(client, auth):
    idea = make_idea(photo="abc.jpg")
    bare = make_idea()
    db.session.commit()
    auth.login()
    _report(client, idea, target="photo", reason="personal_data")
    assert db.session.query(Report).filter_by(idea_id=idea.id).one().target == "photo"
    assert _report(client, bare, target="photo").status_code == 422


def test_third_report_hides_a_published_idea_until_reviewed(client, auth, app, outbox):
    app.config["REPORT_HIDE_THRESHOLD"] = 3
    author = make_user(language="en")
    idea = make_idea(author=author, title="Free parking")
    db.session.commit()
    for n in range(3):
        auth.login()
        _report(client, idea)
        db.session.refresh(idea)
        assert idea.status == ("hidden" if n == 2 else "published")
    action = db.session.query(ModerationAction).filter_by(idea_id=idea.id).one()
    assert action.action == "auto_hide" and action.actor_id is None
    assert "reported by several people" in outbox[0].body


def test_dismissing_the_reports_brings_an_auto_hidden_idea_back(client, auth, app):
    app.config["REPORT_HIDE_THRESHOLD"] = 1
    idea = make_idea()
    db.session.commit()
    auth.login()
    _report(client, idea)
    db.session.refresh(idea)
    assert idea.status == "hidden"
    auth.login(role="moderator")
    client.post(f"/moderation/ideas/{idea.id}/dismiss-reports", data={"version": idea.updated_at.isoformat()})
    db.session.expire_all()
    assert idea.status == "published"
    assert {r.status for r in db.session.query(Report)} == {"dismissed"}
    assert idea.open_reports == 0


def test_each_idea_counts_its_open_reports_for_the_queue(client, auth):
    idea, other = make_idea(), make_idea()
    db.session.commit()
    for _ in range(2):
        auth.login()
        _report(client, idea)
    db.session.expire_all()
    assert (idea.open_reports, other.open_reports) == (2, 0)
    auth.login(role="moderator")
    queue = client.get("/moderation?type=reported&lang=en").get_data(as_text=True)
    assert f'id="item-{idea.id}"' in queue and f'id="item-{other.id}"' not in queue
    client.post(
        f"/moderation/ideas/{idea.id}/hide", data={"version": idea.updated_at.isoformat(), "reason": "spam"}
    )
    db.session.expire_all()
    assert idea.open_reports == 0
    queue = client.get("/moderation?type=reported&lang=en").get_data(as_text=True)
    assert f'id="item-{idea.id}"' not in queue


def test_hiding_a_reported_idea_upholds_its_reports(client, auth):
    idea = make_idea()
    db.session.commit()
    auth.login()
    _report(client, idea)
    auth.login(role="moderator")
    db.session.refresh(idea)
    client.post(
        f"/moderation/ideas/{idea.id}/hide", data={"version": idea.updated_at.isoformat(), "reason": "spam"}
    )
    db.session.expire_all()
    assert idea.status == "hidden"
    assert db.session.query(Report).one().status == "upheld"


def test_report_partial_offers_the_link_or_says_it_is_done(app, client, auth):
    from flask import render_template_string

    slot = '{{ render_slot("idea_detail.end", idea=idea) }}'

    idea = make_idea()
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        assert f"/ideas/{idea.id}/report" in render_template_string(slot, idea=idea)
    user = auth.login()
    db.session.add(Report(idea_id=idea.id, reporter_id=user.id, reason="spam"))
    db.session.commit()
    from flask_login import login_user

    with app.test_request_context("/?lang=en"):
        login_user(user)
        assert "You have reported this idea" in render_template_string(slot, idea=idea)


def test_blocked_people_cannot_report(client, auth):
    idea = make_idea()
    blocked = make_user()
    blocked.is_blocked = True
    db.session.commit()
    auth.login_as(blocked)
    assert (
        client.post(f"/ideas/{idea.id}/report", data={"reason": "spam", "target": "idea"}).status_code == 403
    )
    assert db.session.query(Report).count() == 0


def test_authors_cannot_report_their_own_idea(client, auth):
    author = make_user()
    idea = make_idea(author=author)
    db.session.commit()
    auth.login_as(author)
    assert _report(client, idea).status_code == 422
    assert db.session.query(Report).count() == 0
