"""Account mail is written in the recipient's language and links to this site."""

import pytest

from tests.accounts.conftest import link_path, registration


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("fr", "Agora : confirmez votre adresse e-mail", "Bonjour Amina,"),
        ("ar", "أغورا: أكّد عنوان بريدك الإلكتروني", "مرحباً Amina،"),
        ("en", "Agora: confirm your email address", "Hello Amina,"),
    ],
)
def test_verification_mail_is_in_the_chosen_language(client, outbox, language, subject, greeting):
    client.post("/register?lang=fr", data=registration(language=language))
    [message] = outbox
    assert message.subject == subject
    assert message.body.startswith(greeting)
    assert link_path(message).startswith("/verify/")
    assert "48" in message.body


def test_mail_links_use_the_public_url_rather_than_the_request_host(app, client, outbox):
    app.config["PUBLIC_URL"] = "https://agora.casablanca.ma/"
    client.post("/reset", data={"email": "nobody@example.org"})
    client.post("/register", data=registration(), headers={"Host": "evil.example"})
    assert "https://agora.casablanca.ma/verify/" in outbox[-1].body
    assert "evil.example" not in outbox[-1].body


def test_reset_link_ignores_host_header(make_app, db):
    from tests.factories import make_user

    application = make_app(SERVER_NAME=None, PUBLIC_URL="", DEVELOPMENT_URL="http://127.0.0.1:5000")
    with application.app_context():
        outbox = application.extensions["mailman"].outbox = []
        make_user(email="salma@example.org")
        db.session.commit()
        client = application.test_client()
        client.post("/reset", data={"email": "salma@example.org"}, headers={"Host": "evil.example"})
        client.post("/register", data=registration(), headers={"Host": "evil.example"})
    assert [m.to for m in outbox] == [["salma@example.org"], ["amina@example.org"]]
    for message in outbox:
        assert "evil.example" not in message.body
    assert "http://127.0.0.1:5000/reset/" in outbox[0].body
    assert "http://127.0.0.1:5000/verify/" in outbox[1].body


def test_without_public_url_links_use_the_configured_server_name(client, outbox):
    client.post("/register", data=registration(), headers={"Host": "evil.example"})
    assert "http://agora.test/verify/" in outbox[-1].body
    assert "evil.example" not in outbox[-1].body


def test_notification_links_ignore_the_host_header(make_app, db):
    from app.notifications.services import notify
    from tests.factories import make_idea, make_user

    application = make_app(SERVER_NAME=None, PUBLIC_URL="", DEVELOPMENT_URL="http://127.0.0.1:5000")
    with application.app_context():
        outbox = application.extensions["mailman"].outbox = []
        user = make_user(language="en")
        idea = make_idea(author=user, title="Bancs")
        db.session.commit()
        with application.test_request_context(headers={"Host": "evil.example"}):
            notify([user], "idea_published", idea.id, title="Bancs")
            db.session.commit()
        idea_id = idea.id
    [message] = outbox
    assert "evil.example" not in message.body
    assert f"http://127.0.0.1:5000/ideas/{idea_id}" in message.body
    assert "http://127.0.0.1:5000/notifications" in message.body


def test_mail_links_can_be_built_outside_a_request(app):
    from app.core.urls import external_url

    assert external_url("accounts.verify", token="abc") == "http://agora.test/verify/abc"
