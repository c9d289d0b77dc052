"""Deleting an account: confirmed by password or by a mailed link; email, name, password,
sessions, notifications and pending items erased at once; counters exact; the moderation
history kept under a pseudonym."""

import re

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db as _db
from app.ideas.models import Idea
from app.moderation.models import ModerationAction, Report
from app.moderation.services import block_user
from app.notifications.models import Notification
from app.privacy import services
from app.privacy.models import Consent
from app.votes.models import Vote
from tests.factories import PASSWORD, make_user
from tests.privacy.helpers import make_resident


@pytest.fixture
def resident(app, db):
    return make_resident(app, db, "nadia.gone@example.org", "Nadia Disparue", photo="nadia.jpg")


def _delete(client, choice="keep", password=PASSWORD):
    # What the test read is committed first: on PostgreSQL the request's commit is a savepoint
    # inside the test's transaction, which a later rollback (flask verify) would undo.
    _db.session.commit()
    return client.post("/account/delete?lang=en", data={"ideas": choice, "password": password})


def _verify(runner):
    result = runner.invoke(args=["verify"])
    assert result.exit_code == 0, result.output
    assert "Every counter and index matches its rows." in result.output


def test_deletion_keeping_ideas_erases_the_person_and_keeps_counters_exact(
    app, client, auth, db, runner, resident
):
    user_id, published_id = resident.user.id, resident.published.id
    auth.login_as(resident.user)
    response = _delete(client, "keep")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    db.session.expire_all()

    user = db.session.get(User, user_id)
    assert user.email is None and user.is_deleted
    assert re.fullmatch(r"Participant [0-9a-f]{6}", user.display_name)
    assert user.password_hash == services.NO_PASSWORD
    assert db.session.scalars(select(Vote).where(Vote.user_id == user_id)).all() == []
    assert db.session.scalars(select(Notification).where(Notification.user_id == user_id)).all() == []
    assert db.session.scalars(select(Consent).where(Consent.user_id == user_id)).all() == []
    assert db.session.scalars(select(Report).where(Report.reporter_id == user_id)).all() == []
    assert db.session.get(Idea, published_id).support_count == 0
    assert db.session.get(Idea, resident.supported.id).support_count == 0
    assert db.session.get(Idea, resident.supported.id).open_reports == 0
    _verify(runner)

    # The published idea stays, signed by a former participant; the waiting one is withdrawn.
    assert db.session.get(Idea, published_id).status == "published"
    assert db.session.get(Idea, resident.pending.id).status == "withdrawn"
    page = client.get(f"/ideas/{published_id}?lang=en").get_data(as_text=True)
    assert "A former participant" in page and "Nadia" not in page
    # The session is over, and the password no longer opens anything.
    assert client.get("/account").status_code == 302
    signed_in = client.post("/login", data={"email": "nadia.gone@example.org", "password": PASSWORD})
    assert signed_in.status_code == 200


def test_deletion_withdrawing_ideas_takes_them_off_the_site(client, auth, db, runner, resident):
    auth.login_as(resident.user)
    _delete(client, "withdraw")
    db.session.expire_all()
    assert db.session.get(Idea, resident.published.id).status == "withdrawn"
    assert client.get(f"/ideas/{resident.published.id}").status_code == 404
    assert not (client.application.config["UPLOAD_DIR"] / "nadia.jpg").exists()
    _verify(runner)


def test_the_audit_log_keeps_the_history_under_a_pseudonym(app, client, auth, db, resident):
    moderator = make_user(role="moderator")
    block_user(resident.user, moderator, "spam", "Repeated spam.")
    db.session.commit()
    actions_before = db.session.scalar(select(db.func.count()).select_from(ModerationAction))
    name = services.pseudonym(resident.user.id)
    auth.login_as(resident.user)
    # A blocked resident may still delete their account.
    assert _delete(client).status_code == 302
    assert db.session.scalar(select(db.func.count()).select_from(ModerationAction)) == actions_before
    auth.login_as(moderator)
    review = client.get(f"/moderation/ideas/{resident.published.id}?lang=en").get_data(as_text=True)
    assert "Nadia" not in review and "nadia.gone" not in review
    assert services.pseudonym(resident.user.id) == name  # stable
    assert "nadia" not in name.lower()


def test_a_wrong_password_deletes_nothing(client, auth, db, resident):
    auth.login_as(resident.user)
    response = _delete(client, password="not my password")
    assert response.status_code == 400
    assert "Your password is not correct." in _delete(client, password="nope").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, resident.user.id).email == "nadia.gone@example.org"
    assert db.session.get(Idea, resident.published.id).support_count == 1


def test_deletion_by_a_mailed_link(client, auth, db, outbox, runner, resident):
    auth.login_as(resident.user)
    outbox.clear()
    db.session.commit()
    assert client.post("/account/delete/link").status_code == 302
    (mail,) = outbox
    assert mail.to == ["nadia.gone@example.org"]
    link = re.search(r"https?://\S+/account/delete/(\S+)", mail.body).group(0)
    path = link.split("agora.test", 1)[1]
    auth.logout()
    db.session.commit()
    assert client.get(path).status_code == 200
    assert client.post(path, data={"ideas": "keep"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, resident.user.id).is_deleted
    # The link dies with the account.
    assert client.get(path).status_code == 400
    _verify(runner)


def test_signing_out_everywhere_voids_a_deletion_link(app, client, db, resident):
    with app.test_request_context():
        token = services.deletion_token(resident.user)
    client.post("/logout")
    from app.accounts.services import end_all_sessions

    end_all_sessions(resident.user)
    db.session.commit()
    assert client.get(f"/account/delete/{token}").status_code == 400
    assert client.get("/account/delete/not-a-token").status_code == 400


def test_deletion_pages_need_a_signed_in_resident(client):
    assert "/login" in client.get("/account/delete").headers["Location"]


@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Supprimer mon compte"), ("ar", "حذف حسابي"), ("en", "Delete my account")]
)
def test_the_deletion_page_in_each_language(client, auth, lang, title):
    auth.login()
    assert title in client.get(f"/account/delete?lang={lang}").get_data(as_text=True)


def test_withdrawing_all_supports_keeps_the_others_supports_counted(db, runner):
    from app.votes.services import cast_vote, withdraw_all_supports
    from tests.factories import make_category, make_idea

    category = make_category()
    ideas = [make_idea(category=category) for _ in range(3)]
    leaving, staying = make_user(), make_user()
    for idea in ideas:
        cast_vote(leaving, idea)
    cast_vote(staying, ideas[0])
    db.session.commit()
    assert withdraw_all_supports(leaving) == 3
    db.session.commit()
    db.session.expire_all()
    assert [db.session.get(Idea, idea.id).support_count for idea in ideas] == [1, 0, 0]
    assert withdraw_all_supports(leaving) == 0
    _verify(runner)
