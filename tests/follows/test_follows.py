"""Following, fan-out of notifications, immediate mails, digests and unsubscribe links."""

from datetime import timedelta

from app.comments import services as comments
from app.core.time import utcnow
from app.extensions import db as _db
from app.follows import digests, queries, services
from app.follows.models import Follow
from app.follows.tokens import unsubscribe_token
from app.jobs.models import Job
from app.notifications.models import Notification
from app.votes.services import cast_vote
from tests.factories import make_idea, make_polygon_district, make_user


def _kinds(user):
    return _db.session.scalars(
        _db.select(Notification.kind).where(Notification.user_id == user.id).order_by(Notification.id)
    ).all()


def _comment(user, idea, body="A comment", **options):
    comment = comments.post_comment(user, idea, body, **options)
    _db.session.commit()
    return comment


def test_follow_and_unfollow_an_idea_through_the_buttons(client, auth, db):
    idea = make_idea()
    db.session.commit()
    user = auth.login()
    client.post("/follow", data={"target": "idea", "target_id": idea.id, "next": f"/ideas/{idea.id}"})
    assert queries.is_following(user.id, "idea", idea.id)
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert "Stop following this idea" in page
    client.post("/unfollow", data={"target": "idea", "target_id": idea.id})
    assert not queries.is_following(user.id, "idea", idea.id)


def test_following_an_unknown_kind_of_thing_is_refused(client, auth, db):
    auth.login()
    response = client.post("/follow?lang=en", data={"target": "user", "target_id": 1}, follow_redirects=True)
    assert "This cannot be followed." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Follow.id))) == 0


def test_following_a_thing_that_does_not_exist_is_refused_and_nothing_is_saved(client, auth, db):
    auth.login()
    for target in ("idea", "district", "category", "event"):
        response = client.post(
            "/follow?lang=en", data={"target": target, "target_id": 987654}, follow_redirects=True
        )
        page = response.get_data(as_text=True)
        assert "This cannot be followed." in page and "You follow it now" not in page, target
    assert db.session.scalar(db.select(db.func.count(Follow.id))) == 0


def test_another_residents_waiting_or_hidden_idea_cannot_be_followed(client, auth, db):
    waiting, hidden = make_idea(status="pending"), make_idea(status="hidden")
    db.session.commit()
    auth.login()
    for idea in (waiting, hidden):
        response = client.post(
            "/follow?lang=en", data={"target": "idea", "target_id": idea.id}, follow_redirects=True
        )
        assert "This cannot be followed." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Follow.id))) == 0


def test_supporting_follows_unless_the_resident_opted_out(db):
    idea, other = make_idea(), make_idea()
    keen, quiet = make_user(), make_user()
    services.save_settings(quiet, "weekly", True, follow_supported=False)
    for user in (keen, quiet):
        cast_vote(user, idea)
    assert queries.is_following(keen.id, "idea", idea.id)
    assert not queries.is_following(quiet.id, "idea", idea.id)
    assert not queries.is_following(keen.id, "idea", other.id)


def test_new_comment_reaches_followers_of_the_idea_district_and_category_through_a_job(db):
    idea = make_idea()
    of_idea, of_category, stranger, author = make_user(), make_user(), make_user(), make_user()
    services.follow(of_idea, "idea", idea.id)
    services.follow(of_category, "category", idea.category_id)
    services.follow(author, "idea", idea.id)
    db.session.commit()
    before = db.session.scalar(db.select(db.func.max(Job.id))) or 0
    _comment(author, idea)
    fanouts = db.select(db.func.count(Job.id)).where(Job.name == "follow_fanout", Job.id > before)
    assert db.session.scalar(fanouts) == 1
    assert _kinds(of_idea) == ["followed_new_comment"]
    assert _kinds(of_category) == ["followed_new_comment"]
    assert _kinds(stranger) == [] and _kinds(author) == []


def test_new_comment_reaches_followers_of_the_ideas_district_and_creathon_event(client, auth, db):
    from datetime import date

    from app.creathon.models import Event, Outcome

    ring = [[-7.60, 33.56], [-7.58, 33.56], [-7.58, 33.58], [-7.60, 33.58], [-7.60, 33.56]]
    district = make_polygon_district("maarif", "Maârif", "المعاريف", "Maarif", ring)
    idea = make_idea(district_id=district.id, source="creathon")
    event = Event(slug="hack-follow", title="Hack", start_date=date(2026, 11, 1))
    db.session.add(event)
    db.session.flush()
    db.session.add(Outcome(event_id=event.id, idea_id=idea.id, match_key="k-follow"))
    of_district = make_user()
    services.follow(of_district, "district", district.id)
    db.session.commit()
    # The event's page offers the button, which a signed-in resident uses.
    of_event = auth.login()
    page = client.get("/events/hack-follow?lang=en").get_data(as_text=True)
    assert 'name="target" value="event"' in page
    client.post("/follow", data={"target": "event", "target_id": event.id, "next": "/events/hack-follow"})
    assert queries.is_following(of_event.id, "event", event.id)
    _comment(make_user(), idea)
    assert _kinds(of_district) == ["followed_new_comment"]
    assert _kinds(of_event) == ["followed_new_comment"]


def test_reply_tells_the_parent_author_at_once_by_email_with_unsubscribe_headers(db, outbox):
    idea = make_idea()
    first_author = make_user(language="ar")
    first = _comment(first_author, idea)
    outbox.clear()
    _comment(make_user(name="Samira"), idea, "Answer", parent=first)
    assert _kinds(first_author) == ["comment_reply"]
    (mail,) = [m for m in outbox if m.to == [first_author.email]]
    assert "ردّ أحدهم على تعليقك" in mail.body
    assert mail.extra_headers["List-Unsubscribe"].startswith("<http://agora.test/unsubscribe/")
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_new_comments_wait_for_the_digest_rather_than_an_email(db, outbox):
    idea = make_idea()
    follower = make_user()
    services.follow(follower, "idea", idea.id)
    db.session.commit()
    outbox.clear()
    _comment(make_user(), idea)
    assert outbox == []


def test_official_answer_reaches_followers_and_the_idea_author_by_email(db, outbox):
    author = make_user(language="en")
    idea = make_idea(author=author)
    follower = make_user(language="en")
    services.follow(
        follower, "district" if idea.district_id else "category", idea.district_id or idea.category_id
    )
    db.session.commit()
    outbox.clear()
    _comment(make_user(role="moderator"), idea, "Work starts in March.", official=True)
    assert _kinds(follower) == ["followed_official_reply"] and _kinds(author) == ["followed_official_reply"]
    assert sorted(m.to[0] for m in outbox) == sorted([author.email, follower.email])


def test_official_answer_reaches_supporters_who_do_not_follow_but_not_other_comments(db, outbox):
    idea = make_idea()
    supporter = make_user(language="fr")
    services.save_settings(supporter, "weekly", True, follow_supported=False)
    cast_vote(supporter, idea)
    db.session.commit()
    assert not queries.is_following(supporter.id, "idea", idea.id)
    _comment(make_user(), idea, "Un avis de résident")
    assert _kinds(supporter) == []
    outbox.clear()
    _comment(make_user(role="moderator"), idea, "Les travaux commencent en mars.", official=True)
    assert _kinds(supporter) == ["followed_official_reply"]
    assert [m.to[0] for m in outbox if m.to == [supporter.email]] == [supporter.email]


def test_city_answer_reaches_followers_who_do_not_support(client, auth, db, outbox):
    idea = make_idea()
    follower = make_user()
    services.follow(follower, "idea", idea.id)
    db.session.commit()
    auth.login(role="moderator")
    client.post(
        f"/moderation/ideas/{idea.id}/public-status",
        data={"status": "planned", "explanation_fr": "Next spring."},
    )
    assert _kinds(follower) == ["followed_public_status"]


def _digest_setup(language, frequency="weekly"):
    idea = make_idea(title={"fr": "Bancs à l'ombre", "ar": "مقاعد في الظل", "en": "Shaded benches"}[language])
    reader = make_user(language=language)
    if frequency != "weekly":
        services.save_settings(reader, frequency, True, True)
    services.follow(reader, "idea", idea.id)
    _db.session.commit()
    _comment(make_user(name="Karim"), idea, "Oui")
    return reader


def test_weekly_digest_in_french_lists_the_news_with_an_unsubscribe_link(db, outbox):
    reader = _digest_setup("fr")
    outbox.clear()
    assert digests.send_digest(reader.id, "weekly", utcnow() + timedelta(seconds=1))
    (mail,) = outbox
    assert mail.subject == "Agora : votre résumé de la semaine"
    assert "Nouveau commentaire sur « Bancs à l'ombre »" in mail.body
    assert f"/unsubscribe/{unsubscribe_token(reader.id)}" in mail.body
    assert "List-Unsubscribe" in mail.extra_headers


def test_daily_digest_in_arabic(db, outbox):
    reader = _digest_setup("ar", "daily")
    outbox.clear()
    assert digests.send_digest(reader.id, "daily", utcnow() + timedelta(seconds=1))
    assert not digests.send_digest(reader.id, "weekly", utcnow() + timedelta(seconds=1))
    (mail,) = outbox
    assert "مقاعد في الظل" in mail.body and "ملخص" in mail.subject


def test_digest_in_english_is_sent_once_per_news(db, outbox):
    reader = _digest_setup("en")
    outbox.clear()
    now = utcnow() + timedelta(seconds=1)
    assert digests.send_digest(reader.id, "weekly", now)
    db.session.commit()
    assert not digests.send_digest(reader.id, "weekly", now + timedelta(days=7))
    assert "New comment on “Shaded benches”, an idea you follow." in outbox[0].body


def test_digest_command_sends_the_weekly_digests(db, runner, outbox):
    _digest_setup("fr")
    outbox.clear()
    result = runner.invoke(args=["follows", "digest", "--frequency", "weekly"])
    assert "weekly digests sent: 1" in result.output
    assert len(outbox) == 1


def test_scheduled_digest_queues_one_job_per_reader(db, outbox):
    _digest_setup("en", "daily")
    outbox.clear()
    digests.daily_digest(utcnow() + timedelta(seconds=1))
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Job.id)).where(Job.name == "follow_digest")) == 1
    assert len(outbox) == 1


def test_unsubscribe_link_works_without_signing_in(client, db, outbox):
    reader = _digest_setup("en")
    token = unsubscribe_token(reader.id)
    page = client.get(f"/unsubscribe/{token}?lang=en")
    assert page.status_code == 200 and "Stop these emails" in page.get_data(as_text=True)
    assert client.post(f"/unsubscribe/{token}").status_code == 200
    assert queries.setting(reader.id, "digest") == "never"
    assert not queries.setting(reader.id, "immediate")
    outbox.clear()
    assert not digests.send_digest(reader.id, "weekly", utcnow() + timedelta(seconds=1))


def test_altered_unsubscribe_link_is_refused(client, db):
    reader = make_user()
    db.session.commit()
    token = unsubscribe_token(reader.id)
    assert client.post(f"/unsubscribe/{token[:-2]}xx").status_code == 404
    assert queries.settings_of(reader.id) is None


def test_settings_page_saves_the_digest_frequency(client, auth, db):
    user = auth.login()
    assert client.get("/follows?lang=en").status_code == 200
    client.post("/follows", data={"digest": "daily", "immediate": "y"})
    assert queries.setting(user.id, "digest") == "daily"
    assert not queries.setting(user.id, "follow_supported")
    response = client.post("/follows", data={"digest": "hourly"})
    assert response.status_code == 422
    assert queries.setting(user.id, "digest") == "daily"


def test_the_personal_archive_holds_comments_and_follows(db):
    import json
    import zipfile
    from io import BytesIO

    from app.privacy import export

    idea = make_idea()
    user = make_user()
    _comment(user, idea, "Mes mots", stance="for")
    services.follow(user, "category", idea.category_id)
    db.session.commit()
    archive = zipfile.ZipFile(BytesIO(b"".join(export.archive_chunks(user, "/nonexistent"))))
    comments_file = json.loads(archive.read("comments.json"))
    assert [(c["text"], c["stance"]) for c in comments_file] == [("Mes mots", "for")]
    assert json.loads(archive.read("follows.json"))[0]["follows"] in ("idea", "category")


def test_a_reader_who_turned_immediate_mail_off_gets_the_notice_without_the_email(db, outbox):
    idea = make_idea()
    first_author = make_user()
    services.save_settings(first_author, "weekly", immediate=False, follow_supported=True)
    first = _comment(first_author, idea)
    outbox.clear()
    _comment(make_user(), idea, "Answer", parent=first)
    assert _kinds(first_author) == ["comment_reply"]
    assert outbox == []
