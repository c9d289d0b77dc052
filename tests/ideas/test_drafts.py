"""Submitting and editing an idea take a draft (text, category, place, photo) and named options."""

import pytest

from app.ideas.services import IdeaDraft, Location, submit_idea, update_idea
from tests.factories import make_category, make_user


def _draft(category, title="Des bancs à l'ombre", photo=None):
    place = Location(33.5731, -7.5898, False, None, None)
    return IdeaDraft(f"  {title} ", "Le long du boulevard.", category, place, photo)


def test_a_draft_becomes_a_pending_idea_then_an_edited_one(app, tmp_path):
    author, category = make_user(), make_category()
    idea = submit_idea(author, _draft(category), language="fr", upload_dir=tmp_path)
    assert (idea.title, idea.status, idea.language) == ("Des bancs à l'ombre", "pending", "fr")
    replaced = update_idea(idea, author, _draft(category, title="Des arbres"), upload_dir=tmp_path)
    assert (idea.title, idea.status, replaced) == ("Des arbres", "pending", None)


def test_without_premoderation_the_idea_is_published_at_once(app, tmp_path):
    idea = submit_idea(
        make_user(), _draft(make_category()), language="en", upload_dir=tmp_path, premoderation=False
    )
    assert idea.status == "published" and idea.published_at is not None


def test_options_are_named_not_placed(app, tmp_path):
    with pytest.raises(TypeError):
        submit_idea(make_user(), _draft(make_category()), "fr", tmp_path)
