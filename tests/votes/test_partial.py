"""The support partial that fills the idea pages' and lists' slots, for visitors and residents."""

import html as html_lib
import json
import re

import pytest
from flask import render_template_string
from flask_login import login_user

from app.votes import context, services
from tests.factories import make_category, make_idea, make_user
from tests.statements import recorded_statements

LIST = '{% for idea in ideas %}{{ render_slot("idea_card.support", idea=idea) }}{% endfor %}'


@pytest.fixture
def render(app):
    def _render(user=None, template=LIST, **context):
        with app.test_request_context("/ideas?lang=en"):
            if user is not None:
                login_user(user)
            return render_template_string(template, **context)

    return _render


def test_visitors_see_the_count_and_a_sign_in_to_support_button(render, db):
    idea = make_idea()
    services.cast_vote(make_user(), idea)
    html = render(ideas=[idea])
    assert "data-support-count>1<" in html
    assert "Sign in to support" in html
    # A plain POST (never taken over by support.js): the support is asked for, then signing in.
    assert f'action="/ideas/{idea.id}/vote"' in html and 'name="csrf_token"' in html
    assert "data-support-form" not in html


def test_residents_get_a_post_form_with_csrf_and_the_right_action(render, db):
    user = make_user()
    supported, other = make_idea(), make_idea()
    services.cast_vote(user, supported)
    html = render(user, ideas=[supported, other])
    assert f'action="/ideas/{supported.id}/unvote"' in html
    assert f'action="/ideas/{other.id}/vote"' in html
    assert html.count('name="csrf_token"') == 2
    assert "You support this idea." in html
    assert html.count('aria-live="polite"') == 2
    assert html.count("js/support.js") == 1


def test_a_list_asks_the_database_once_for_my_supports(render, db, app):
    user = make_user()
    ideas = [make_idea() for _ in range(5)]
    services.cast_vote(user, ideas[2])
    with recorded_statements() as statements:
        html = render(user, ideas=ideas)
    assert html.count('action="/ideas/') == 5
    assert f'action="/ideas/{ideas[2].id}/unvote"' in html
    # The user, the supported ids, the round settings and closed categories: not one per idea.
    assert len(statements) <= 5


def test_supported_ids_returns_the_supported_ones_in_one_call(app, db):
    user = make_user()
    ideas = [make_idea() for _ in range(3)]
    services.cast_vote(user, ideas[1])
    with app.test_request_context("/ideas?lang=en"):
        login_user(user)
        assert context.supported_ids(ideas) == {ideas[1].id}


def test_unverified_residents_are_told_why_they_cannot_support(render, db):
    html = render(make_user(verified=False), ideas=[make_idea()])
    assert "Confirm your email address before supporting ideas." in html
    assert "<form" not in html


def test_a_closed_category_shows_that_supporting_is_closed(render, db):
    category = make_category()
    services.update_settings(True, None, [category.id])
    html = render(make_user(), ideas=[make_idea(category=category)])
    assert "Supporting is closed for ideas in this category." in html
    assert "<form" not in html


def test_at_the_maximum_the_button_gives_way_to_an_explanation(render, db):
    services.update_settings(True, 1, [])
    user, supported, other = make_user(), make_idea(), make_idea()
    services.cast_vote(user, supported)
    html = render(user, ideas=[supported, other])
    assert f'action="/ideas/{supported.id}/unvote"' in html
    assert f'action="/ideas/{other.id}/vote"' not in html
    assert "You have used all your supports (maximum 1)." in html


def test_the_script_gets_the_translated_sentences_once(app, db):
    user, idea = make_user(language="ar"), make_idea()
    services.update_settings(True, 5, [])
    with app.test_request_context("/ideas?lang=ar"):
        login_user(user)
        html = render_template_string(LIST, ideas=[idea, make_idea()])
    assert html.count("data-messages=") == 1
    messages = json.loads(html_lib.unescape(re.search(r"data-messages='([^']+)'", html).group(1)))
    assert messages["counted"] == "تم احتساب دعمك. عدد الدعم: {count}"
    assert messages["left"] == "الدعم المتبقي: {left} من 5"
