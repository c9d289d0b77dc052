""" "Sign in to support": the support asked for before signing in is counted once signed in, back
where the resident was; a link alone never supports (no other site can support in their name)."""

import time

from sqlalchemy import func, select

from app.votes.models import Vote
from app.votes.views import SUPPORT_INTENT
from tests.factories import PASSWORD, make_idea, make_user


def _votes(db):
    return db.session.scalar(select(func.count(Vote.id)))


def test_sign_in_to_support_counts_the_support_once_signed_in(client, db):
    idea = make_idea(title="Des bancs à l'ombre")
    user = make_user()
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)
    assert f'action="/ideas/{idea.id}/vote"' in page and "Sign in to support" in page
    asked = client.post(f"/ideas/{idea.id}/vote", data={"next": "/ideas?page=2"})
    assert asked.status_code == 302 and _votes(db) == 0
    to_login = client.get(asked.headers["Location"])
    assert to_login.status_code == 302 and "/login?next=" in to_login.headers["Location"]
    signed_in = client.post(to_login.headers["Location"], data={"email": user.email, "password": PASSWORD})
    counted = client.get(signed_in.headers["Location"])
    assert counted.status_code == 303
    assert counted.headers["Location"] == f"/ideas?page=2#support-{idea.id}"
    assert _votes(db) == 1
    back = client.get("/ideas?page=2&lang=en").get_data(as_text=True)
    assert "Your support is counted. Supports: 1" in back
    # The intent is used once: the same address now only shows the idea and its button.
    again = client.get(signed_in.headers["Location"])
    assert again.status_code == 200 and _votes(db) == 1


def test_a_link_alone_never_supports(client, db, auth):
    idea = make_idea(title="Des bancs à l'ombre")
    auth.login()
    page = client.get(f"/ideas/{idea.id}/support/confirm?next=/ideas")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Des bancs à l&#39;ombre" in text
    assert f'action="/ideas/{idea.id}/vote"' in text
    assert _votes(db) == 0


def test_the_intent_is_for_one_idea_and_for_an_hour(client, db, auth):
    first, second = make_idea(), make_idea()
    auth.login()
    with client.session_transaction() as session:
        session[SUPPORT_INTENT] = {"idea": first.id, "at": int(time.time())}
    assert client.get(f"/ideas/{second.id}/support/confirm").status_code == 200
    assert client.get(f"/ideas/{first.id}/support/confirm").status_code == 200
    with client.session_transaction() as session:
        session[SUPPORT_INTENT] = {"idea": first.id, "at": int(time.time()) - 2 * 3600}
    assert client.get(f"/ideas/{first.id}/support/confirm").status_code == 200
    assert _votes(db) == 0


def test_withdrawing_while_signed_out_leaves_no_intent(client, db):
    idea = make_idea()
    client.post(f"/ideas/{idea.id}/unvote")
    with client.session_transaction() as session:
        assert SUPPORT_INTENT not in session


def test_a_support_refused_after_signing_in_says_why(client, db, auth):
    from app.votes import services

    idea = make_idea()
    services.update_settings(False, 0, [])
    db.session.commit()
    client.post(f"/ideas/{idea.id}/vote")
    auth.login()
    page = client.get(f"/ideas/{idea.id}/support/confirm?lang=en")
    assert page.status_code == 200 and _votes(db) == 0
    assert 'class="flash flash-error"' in page.get_data(as_text=True)


def test_the_confirmation_of_an_idea_not_public_is_a_404(client, db, auth):
    idea = make_idea(status="pending")
    auth.login()
    assert client.get(f"/ideas/{idea.id}/support/confirm").status_code == 404


def test_the_confirmation_never_sends_the_resident_to_another_site(client, db, auth):
    idea = make_idea()
    auth.login()
    page = client.get(f"/ideas/{idea.id}/support/confirm?next=https://evil.example/").get_data(as_text=True)
    assert 'href="https://evil.example/"' not in page
    assert f'href="/ideas/{idea.id}">' in page
    with client.session_transaction() as session:
        session[SUPPORT_INTENT] = {"idea": idea.id, "at": int(time.time())}
    counted = client.get(f"/ideas/{idea.id}/support/confirm?next=https://evil.example/")
    assert counted.headers["Location"] == f"/ideas/{idea.id}#support-{idea.id}"
