"""With CSRF protection on (as in production), a support without its token writes nothing."""

import re

import pytest

from app.votes import services
from app.votes.models import Vote
from tests.factories import make_idea


@pytest.fixture
def app_config(app_config):
    return type("CsrfConfig", (app_config,), {"WTF_CSRF_ENABLED": True})


def test_support_without_token_is_refused_and_writes_nothing(client, auth, db):
    auth.login(language="en")
    idea = make_idea()
    db.session.commit()
    response = client.post(f"/ideas/{idea.id}/vote")
    assert response.status_code == 400
    assert "This form has expired. Reload the page and try again." in response.get_data(as_text=True)
    json_response = client.post(f"/ideas/{idea.id}/vote", headers={"Accept": "application/json"})
    assert json_response.status_code == 400
    assert json_response.json["error"] == "csrf"
    db.session.expire_all()
    assert db.session.query(Vote).count() == 0
    assert idea.support_count == 0


def test_support_with_the_token_from_the_page_is_accepted(client, auth, db):
    user = auth.login()
    supported, idea = make_idea(), make_idea()
    services.cast_vote(user, supported)
    db.session.commit()
    page = client.get("/my/supports").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    by_form = client.post(f"/ideas/{idea.id}/vote", data={"csrf_token": token})
    assert by_form.status_code == 303
    by_header = client.post(
        f"/ideas/{supported.id}/unvote", headers={"Accept": "application/json", "X-CSRFToken": token}
    )
    assert by_header.json == by_header.json | {"supported": False, "count": 0}
