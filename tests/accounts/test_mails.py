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
