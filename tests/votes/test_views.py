"""Supporting through the site: JSON for scripts, redirects with a message for plain forms."""

from app.ideas.models import Idea
from app.votes import services
from app.votes.models import Vote
from tests.factories import make_category, make_idea
from tests.statements import recorded_statements

JSON = {"Accept": "application/json"}


def _idea(db, **fields):
    idea = make_idea(**fields)
    db.session.commit()
    return idea


def _count(db, idea):
    db.session.expire_all()
    return db.session.get(Idea, idea.id).support_count


def test_json_support_returns_the_new_state(client, auth, db):
    auth.login()
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    assert response.status_code == 200
    assert response.json["supported"] is True
    assert response.json["count"] == 1
    assert response.json["changed"] is True
    assert response.json["left"] is None
    assert _count(db, idea) == 1


def test_json_withdrawal_returns_the_new_state(client, auth, db):
    user = auth.login()
    idea = _idea(db)
    services.cast_vote(user, idea)
    db.session.commit()
    response = client.post(f"/ideas/{idea.id}/unvote", headers=JSON)
    assert response.json["supported"] is False
    assert response.json["count"] == 0
    assert _count(db, idea) == 0


def test_double_submit_counts_one_support(client, auth, db):
    auth.login()
    idea = _idea(db)
    client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    response = client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    assert response.status_code == 200
    assert response.json == response.json | {"supported": True, "count": 1}
    assert db.session.query(Vote).filter_by(idea_id=idea.id).count() == 1


def test_form_support_redirects_back_with_a_message(client, auth, db):
    auth.login(language="en")
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", data={"next": "/ideas?page=2"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/ideas?page=2#support-{idea.id}")
    page = client.get("/my/supports").get_data(as_text=True)
    assert "Your support is counted." in page
    assert _count(db, idea) == 1


def test_form_redirect_ignores_a_next_on_another_site(client, auth, db):
    auth.login()
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", data={"next": "https://evil.example/"})
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}#support-{idea.id}")


def test_form_redirect_uses_a_referrer_on_the_same_site(client, auth, db):
    auth.login()
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", headers={"Referer": "http://agora.test/map?zoom=14"})
    assert response.headers["Location"].endswith(f"/map?zoom=14#support-{idea.id}")
    other = client.post(f"/ideas/{idea.id}/unvote", headers={"Referer": "https://evil.example/x"})
    assert other.headers["Location"].endswith(f"/ideas/{idea.id}#support-{idea.id}")


def test_unknown_idea_is_404_in_json_and_html(client, auth):
    auth.login(language="en")
    response = client.post("/ideas/999999/vote", headers=JSON)
    assert response.status_code == 404
    assert response.json["message"] == "This idea does not exist or is no longer available."
    assert client.post("/ideas/999999/vote").status_code == 404


def test_unpublished_idea_is_refused_with_409(client, auth, db):
    auth.login(language="fr")
    idea = _idea(db, status="pending")
    response = client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    assert response.status_code == 409
    assert response.json["error"] == "not_published"
    assert response.json["message"] == "Seules les idées publiées peuvent être soutenues."
    assert _count(db, idea) == 0


def test_unverified_resident_is_refused_with_403(client, auth, db):
    auth.login(verified=False)
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    assert response.status_code == 403
    assert response.json["error"] == "unverified"
    assert db.session.query(Vote).count() == 0


def test_form_refusal_redirects_back_with_the_reason(client, auth, db):
    auth.login(language="en")
    services.update_settings(False, None, [])
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", data={"next": "/my/supports"})
    assert response.status_code == 303
    page = client.get("/my/supports").get_data(as_text=True)
    assert "Supporting is closed at the moment." in page
    assert _count(db, idea) == 0


def test_visitors_are_sent_to_sign_in_and_then_to_the_support_they_asked_for(client, db):
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", data={"next": "/ideas?page=3"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}/support/confirm?next=/ideas?page%3D3")
    to_login = client.get(response.headers["Location"])
    assert "/login?next=" in to_login.headers["Location"]
    json_response = client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    assert json_response.status_code == 401
    assert json_response.json["error"] == "login_required"
    assert _count(db, idea) == 0


def test_votes_need_post(client, auth, db):
    auth.login()
    idea = _idea(db)
    assert client.get(f"/ideas/{idea.id}/vote").status_code == 405


def test_my_supports_lists_my_supported_ideas_with_a_withdraw_button(client, auth, db):
    user = auth.login(language="en")
    mine = make_idea(title="Shade on Place Mohammed V")
    make_idea(title="Bike lane")
    services.cast_vote(user, mine)
    db.session.commit()
    page = client.get("/my/supports").get_data(as_text=True)
    assert "Shade on Place Mohammed V" in page
    assert "Bike lane" not in page
    assert f'action="/ideas/{mine.id}/unvote"' in page
    assert "Withdraw my support" in page
    assert 'aria-live="polite"' in page
    assert page.count("js/support.js") == 1


def test_my_supports_shows_the_supports_left(client, auth, db):
    user = auth.login(language="en")
    services.update_settings(True, 3, [])
    services.cast_vote(user, make_idea())
    db.session.commit()
    assert "Supports left: 2 of 3" in client.get("/my/supports").get_data(as_text=True)


def test_my_supports_is_paginated(client, auth, db):
    user = auth.login(language="en")
    for _ in range(21):
        services.cast_vote(user, make_idea())
    db.session.commit()
    first = client.get("/my/supports").get_data(as_text=True)
    second = client.get("/my/supports?page=2").get_data(as_text=True)
    assert first.count('class="card"') == 20
    assert second.count('class="card"') == 1
    assert 'rel="next"' in first
    assert ">Page 1 of 2<" in first
    assert ">Suivant</a>" in client.get("/my/supports?lang=fr").get_data(as_text=True)


def test_my_supports_needs_sign_in(client):
    assert client.get("/my/supports").status_code == 302


def test_admin_saves_the_round_settings(client, auth, db):
    auth.login(role="admin", language="en")
    category = make_category(en="Sidewalks")
    db.session.commit()
    page = client.get("/admin/votes").get_data(as_text=True)
    assert "Sidewalks" in page
    response = client.post(
        "/admin/votes", data={"max_per_user": "7", "closed_categories": [str(category.id)]}
    )
    assert response.status_code == 303
    from app.votes import queries

    db.session.expire_all()
    assert queries.round_settings() == queries.RoundSettings(False, 7)
    assert queries.closed_category_ids() == {category.id}


def test_admin_settings_reject_a_bad_maximum_and_change_nothing(client, auth, db):
    auth.login(role="admin", language="en")
    response = client.post("/admin/votes", data={"is_open": "y", "max_per_user": "0"})
    assert response.status_code == 200
    assert "Enter a whole number between 1 and 100000." in response.get_data(as_text=True)
    from app.votes import queries

    assert queries.round_settings() == queries.RoundSettings(True, None)


def test_admin_settings_are_for_admins_only(client, auth):
    auth.login(role="moderator")
    assert client.get("/admin/votes").status_code == 403


def test_json_answer_tells_how_many_supports_are_left(client, auth, db):
    auth.login()
    services.update_settings(True, 3, [])
    idea = _idea(db)
    response = client.post(f"/ideas/{idea.id}/vote", headers=JSON)
    assert response.json["left"] == 2
    assert client.post(f"/ideas/{idea.id}/unvote", headers=JSON).json["left"] == 3


def test_refusal_in_json_carries_a_translated_message(client, auth, db):
    auth.login(language="ar")
    category = make_category()
    services.update_settings(True, None, [category.id])
    idea = _idea(db, category=category)
    response = client.post(f"/ideas/{idea.id}/vote?lang=ar", headers=JSON)
    assert response.status_code == 409
    assert response.json == {"error": "category_closed", "message": "الدعم مغلق لأفكار هذه الفئة."}


def test_map_popups_can_load_the_support_box_alone(client, auth, db):
    idea = _idea(db)
    hidden = _idea(db, status="hidden")
    visitor = client.get(f"/ideas/{idea.id}/support?lang=en").get_data(as_text=True)
    assert "Sign in to support" in visitor and "<html" not in visitor
    auth.login()
    response = client.get(f"/ideas/{idea.id}/support", headers={"Referer": "http://agora.test/map?zoom=15"})
    assert response.headers["Cache-Control"] == "private, no-store"
    assert 'name="next" value="/map?zoom=15"' in response.get_data(as_text=True)
    assert f'action="/ideas/{idea.id}/vote"' in response.get_data(as_text=True)
    assert "support.js" not in response.get_data(as_text=True)
    assert client.get(f"/ideas/{hidden.id}/support").status_code == 404
    assert client.get("/ideas/999999/support").status_code == 404


def test_my_supports_page_does_not_query_per_idea(client, auth, db, app):
    user = auth.login()
    for _ in range(8):
        services.cast_vote(user, make_idea())
    db.session.commit()
    with recorded_statements() as statements:
        assert client.get("/my/supports").status_code == 200
    # User, count, page, supported ids, settings, closed categories: not one per idea.
    assert len(statements) <= 7, statements
    assert not any("FROM categories" in s and "WHERE categories.id" in s for s in statements)
