"""Who hears of a project's news: its followers on site and in their digest; an idea's
author, supporters and followers when the idea joins a project."""

from datetime import timedelta

from app.core.time import utcnow
from app.follows import digests
from app.follows import services as follows
from app.notifications.models import Notification
from app.projects import services
from tests.factories import make_user
from tests.moderation.helpers import support
from tests.projects.conftest import draft


def _kinds(db, user):
    return db.session.scalars(
        db.select(Notification.kind).where(Notification.user_id == user.id).order_by(Notification.id)
    ).all()


def test_followers_read_the_news_on_site_and_in_their_digest_not_by_one_email_each(
    client, db, auth, manager, outbox, english
):
    project = services.create_project(
        manager,
        draft(titles={"fr": "Ombre place des Nations", "ar": "", "en": "Shade on the square"}),
        "study",
    )
    db.session.commit()
    reader = auth.login(language="ar")
    client.post(f"/projects/{project.id}/follow", data={"follow": "1"})
    outbox.clear()
    services.change_status(project, manager, "works", "Le chantier commence lundi.")
    db.session.commit()
    assert _kinds(db, reader) == ["project_update"] and outbox == []
    # On site, in the reader's language, with the way to the project.
    page = client.get("/notifications?lang=en").get_data(as_text=True)
    assert "News of the project “Shade on the square” you follow: status changed." in page
    assert f'href="/projects/{project.id}">See the project</a>' in page
    assert digests.send_digest(reader.id, "weekly", utcnow() + timedelta(seconds=1))
    (mail,) = outbox
    # Arabic title missing: the digest names the project in a language it exists in.
    assert "Ombre place des Nations" in mail.body and "Le chantier commence lundi." in mail.body
    assert f"/projects/{project.id}" in mail.body


def test_a_follower_who_wants_no_digest_gets_no_mail(db, project, manager, outbox, english):
    reader = make_user()
    services.follow(project, reader)
    follows.save_settings(reader, "never", True, True)
    db.session.commit()
    services.change_status(project, manager, "works", "Chantier.")
    db.session.commit()
    assert _kinds(db, reader) == ["project_update"]
    assert not digests.send_digest(reader.id, "weekly", utcnow() + timedelta(seconds=1))
    assert outbox == []


def test_linking_an_idea_tells_its_author_supporters_and_followers(db, project, manager, city, english):
    idea = city["shade"]
    supporter, follower = make_user(), make_user()
    support(idea, supporter)
    follows.follow(follower, "idea", idea.id)
    db.session.commit()
    services.link_idea(project, manager, idea, "Cette idée fait partie du projet.")
    db.session.commit()
    assert _kinds(db, idea.author) == ["idea_public_status"]
    assert "supported_idea_public_status" in _kinds(db, supporter)
    assert _kinds(db, follower) == ["followed_public_status"]
