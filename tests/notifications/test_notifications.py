"""The notifications page: each person reads their notices in their language and marks them read."""

from app.extensions import db
from app.moderation import services
from app.notifications.models import Notification
from tests.factories import make_idea, make_user


def _decide_for(author):
    moderator = make_user(role="moderator")
    idea = make_idea(author=author, status="pending", title="Water fountain")
    services.reject_idea(idea, moderator, idea.updated_at, "outside_area")
    db.session.commit()
    return idea


def test_notifications_page_shows_the_text_in_the_readers_language(client, auth):
    user = auth.login(language="fr")
    _decide_for(user)
    page = client.get("/notifications?lang=ar").get_data(as_text=True)
    assert "لم تُنشر فكرتك «\u2068Water fountain\u2069»" in page and "خارج نطاق المدينة" in page
    page = client.get("/notifications?lang=en").get_data(as_text=True)
    assert (
        "Your idea “\u2068Water fountain\u2069” was not published. Reason: Outside the city&#39;s area."
        in page
    )


def test_unread_count_shows_in_the_menu_and_marking_read_clears_it(client, auth):
    user = auth.login()
    _decide_for(user)
    assert '<span class="badge">1</span>' in client.get("/?lang=en").get_data(as_text=True)
    client.post("/notifications/read")
    assert db.session.query(Notification).filter_by(user_id=user.id, is_read=False).count() == 0
    assert '<span class="badge">' not in client.get("/?lang=en").get_data(as_text=True)


def test_a_person_can_only_mark_their_own_notifications(client, auth):
    other = make_user()
    _decide_for(other)
    notice = db.session.query(Notification).one()
    auth.login()
    client.post("/notifications/read", data={"ids": str(notice.id)})
    db.session.refresh(notice)
    assert notice.is_read is False


def test_opting_out_of_supporter_updates_is_saved(client, auth):
    from app.notifications.queries import supporter_updates_enabled

    user = auth.login()
    client.post("/notifications/preferences", data={})
    assert supporter_updates_enabled(user.id) is False
    client.post("/notifications/preferences", data={"supporter_updates": "y"})
    db.session.expire_all()
    assert supporter_updates_enabled(user.id) is True


def test_visitors_are_asked_to_sign_in(client):
    assert client.get("/notifications").status_code == 302


def test_a_mail_server_failure_does_not_undo_the_decision(client, auth, monkeypatch):
    import app.notifications.jobs as notification_jobs

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(notification_jobs, "send_mail", broken)
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    response = client.post(
        f"/moderation/ideas/{idea.id}/approve", data={"version": idea.updated_at.isoformat()}
    )
    assert response.status_code == 302
    db.session.refresh(idea)
    assert idea.status == "published"
    assert db.session.query(Notification).filter_by(user_id=idea.author_id).count() == 1
