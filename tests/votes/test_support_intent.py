""" "Sign in to support": once signed in, the resident lands on the support they asked for, one
press away; nothing is counted without that press."""

from sqlalchemy import func, select

from app.votes.models import Vote
from tests.factories import PASSWORD, make_idea, make_user


def test_sign_in_to_support_leads_back_to_that_support_once_signed_in(client, db):
    idea = make_idea(title="Des bancs à l'ombre")
    user = make_user()
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    link = f"/ideas/{idea.id}/support/confirm?next=/ideas/{idea.id}"
    assert f'href="{link}"' in page
    to_login = client.get(link)
    assert to_login.status_code == 302 and "/login?next=" in to_login.headers["Location"]
    signed_in = client.post(to_login.headers["Location"], data={"email": user.email, "password": PASSWORD})
    assert signed_in.headers["Location"].endswith(link)
    confirm = client.get(link)
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Des bancs à l&#39;ombre" in text
    assert f'action="/ideas/{idea.id}/vote"' in text
    assert db.session.scalar(select(func.count(Vote.id))) == 0
    voted = client.post(f"/ideas/{idea.id}/vote", data={"next": f"/ideas/{idea.id}"})
    assert voted.status_code == 303
    assert db.session.scalar(select(func.count(Vote.id))) == 1


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
