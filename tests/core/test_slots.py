"""Pages offer named slots that other features fill; a missing slot or partial is an error."""

import re
from pathlib import Path

import pytest
from flask import Blueprint, Flask, render_template_string
from jinja2 import DictLoader, TemplateNotFound

from app.core.slots import UndeclaredSlot, declare_slots, fill, init_slots, slots_of
from tests.test_layers import package_imports

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"


def _app(fillers, templates=None):
    """A bare app whose `page` blueprint declares `page.side`, filled by `other`."""
    app = Flask("slots")
    app.jinja_loader = DictLoader(templates or {"other/_a.html": "a{{ n }}", "other/_b.html": "b{{ idea }}"})
    init_slots(app)
    page, other = Blueprint("page", __name__), Blueprint("other", __name__)
    declare_slots(page, {"page.side": "the side of the page"})
    for args, kwargs in fillers:
        fill(other, *args, **kwargs)
    app.register_blueprint(page)
    app.register_blueprint(other)
    return app


def test_fillers_render_in_order_with_the_slots_arguments_and_their_context():
    app = _app(
        [
            (("page.side", "other/_b.html"), {"order": 20}),
            (("page.side", "other/_a.html"), {"order": 10, "context": lambda idea: {"n": idea * 2}}),
        ]
    )
    with app.test_request_context():
        assert render_template_string('{{ render_slot("page.side", idea=21) }}') == "a42b21"


def test_a_filler_whose_context_says_none_shows_nothing():
    app = _app([(("page.side", "other/_a.html"), {"context": lambda **_: None})])
    with app.test_request_context():
        assert render_template_string('[{{ render_slot("page.side") }}]') == "[]"


def test_a_partial_sees_the_pages_context_as_an_include_would():
    app = _app([(("page.side", "other/_a.html"), {})])
    with app.test_request_context():
        assert render_template_string('{% set n = 7 %}{{ render_slot("page.side") }}') == "a7"


def test_rendering_an_undeclared_slot_is_an_error():
    app = _app([])
    with app.test_request_context(), pytest.raises(UndeclaredSlot):
        render_template_string('{{ render_slot("page.sidebar") }}')


def test_a_filler_whose_partial_does_not_exist_fails_at_render_and_at_start():
    app = _app([(("page.side", "other/_typo.html"), {})])
    with app.test_request_context(), pytest.raises(TemplateNotFound):
        render_template_string('{{ render_slot("page.side") }}')
    with pytest.raises(TemplateNotFound):
        slots_of(app).check(app.jinja_env)


def test_filling_an_undeclared_slot_fails_at_start():
    app = _app([(("page.sid", "other/_a.html"), {})])
    with pytest.raises(UndeclaredSlot):
        slots_of(app).check(app.jinja_env)


def test_each_app_has_its_own_slots(app):
    other = _app([(("page.side", "other/_a.html"), {})])
    assert "page.side" in slots_of(other).declared and "page.side" not in slots_of(app).declared
    assert "idea_detail.support" in slots_of(app).declared
    assert "idea_detail.support" not in slots_of(other).declared


def test_the_sites_slots_are_declared_and_their_partials_exist(app):
    slots = slots_of(app)
    slots.check(app.jinja_env)
    filled = {name: [f.template for f in fillers] for name, fillers in slots.fillers.items()}
    assert filled["idea_detail.answers"] == [
        "moderation/_author_decision.html",
        "moderation/_public_status.html",
        "creathon/_discussed.html",
        "comments/_thread.html",
    ]
    assert filled["layout.nav_member"] == [
        "moderation/_nav.html",
        "notifications/_nav.html",
        "follows/_nav.html",
        "relays/_nav.html",
    ]


def _includes():
    """(feature of the including template, included template) for every include and import."""
    pattern = re.compile(r"{%-?\s*(?:include|import|from|extends)\s+\"([^\"]+)\"([^%]*)%}")
    for path in TEMPLATES.rglob("*.html"):
        feature = path.relative_to(TEMPLATES).parts[0] if path.parent != TEMPLATES else None
        for target, rest in pattern.findall(path.read_text(encoding="utf-8")):
            yield path.relative_to(TEMPLATES), feature, target, rest


def test_no_template_includes_a_partial_that_may_be_missing():
    assert not [f"{path}: {target}" for path, _, target, rest in _includes() if "ignore missing" in rest]


def test_templates_include_other_features_partials_only_downward():
    # A page shows a higher feature's partial through a slot; it may use a lower one's directly,
    # as its Python code may import it.
    imports = package_imports()
    upward = {
        f"{path}: {target}"
        for path, feature, target, _ in _includes()
        if feature
        and "/" in target
        and (owner := target.split("/")[0]) != feature
        and owner not in imports[feature]
    }
    assert not upward
