"""A colleague's name in a refusal reads as written: escaped once by the page, never twice."""

from app.extensions import db
from app.moderation import services, team
from tests.factories import make_idea, make_user
from tests.moderation.helpers import version


def test_the_colleague_who_decided_first_is_named_as_written(client, auth, app):
    idea = make_idea(status="pending")
    db.session.commit()
    seen = version(idea)
    first = make_user(role="moderator", name="Karim & <Co>")
    with app.test_request_context():
        services.approve_idea(idea, first, idea.updated_at)
    db.session.commit()
    auth.login(role="moderator")
    page = client.post(
        f"/moderation/ideas/{idea.id}/approve?lang=en", data={"version": seen}, follow_redirects=True
    ).get_data(as_text=True)
    assert "already decided by Karim &amp; &lt;Co&gt;; nothing was changed." in page
    assert "&amp;amp;" not in page and "<Co>" not in page


def test_the_colleague_holding_an_item_is_named_as_written(client, auth):
    idea = make_idea(status="pending")
    team.claim_item(idea, make_user(role="moderator", name="Amal & <Nour>"))
    db.session.commit()
    auth.login(role="moderator")
    page = client.post(f"/moderation/ideas/{idea.id}/claim?lang=en", follow_redirects=True).get_data(
        as_text=True
    )
    assert "Amal &amp; &lt;Nour&gt; already took this item" in page
    assert "&amp;amp;" not in page and "<Nour>" not in page
