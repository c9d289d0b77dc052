"""The idea's lifecycle: one table says which verb acts on which status, and everyone asks it."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.core.lifecycle import Lifecycle
from app.ideas.lifecycle import IDEAS, IdeaStatus, can
from tests.factories import make_idea, make_user

ROOT = Path(__file__).resolve().parents[2]
ALL = set(IdeaStatus)
P, C, H = IdeaStatus.PUBLISHED, IdeaStatus.CHANGES_REQUESTED, IdeaStatus.HIDDEN
W = IdeaStatus.PENDING

# verb: (statuses it acts on, status it leaves the idea in; None keeps the status)
EXPECTED = {
    "edit": ({W, C}, W),
    "withdraw": ({W, C, P}, IdeaStatus.WITHDRAWN),
    "propose_edit": ({P}, None),
    "support": ({P}, None),
    "report": ({P, H}, None),
    "auto_hide": ({P}, H),
    "approve": ({W}, P),
    "reject": ({W}, IdeaStatus.REJECTED),
    "request_changes": ({W}, C),
    "hide": ({P}, H),
    "restore": ({H}, P),
    "merge": ({W, P, H}, IdeaStatus.MERGED),
    "merge_into": ({P}, None),
    "correct": ({W, C, P, H}, None),
    "hide_blocked_authors": ({W, C}, H),
    "answer": ({P}, None),
    "approve_edit": ({P}, None),
}


def test_the_table_names_every_verb_once():
    assert set(IDEAS.transitions) == set(EXPECTED)


@pytest.mark.parametrize("verb", sorted(EXPECTED))
@pytest.mark.parametrize("status", sorted(ALL))
def test_each_verb_acts_only_on_its_statuses(verb, status):
    sources, target = EXPECTED[verb]
    assert IDEAS.allowed(status, verb) is (status in sources)
    assert IDEAS.target(verb) == target


def test_can_asks_about_the_idea_s_current_status():
    class Idea:
        status = "pending"

    assert can(Idea, "approve") and not can(Idea, "hide")


def test_merged_rejected_and_withdrawn_ideas_are_final():
    for status in (IdeaStatus.MERGED, IdeaStatus.REJECTED, IdeaStatus.WITHDRAWN):
        assert not any(IDEAS.allowed(status, verb) for verb in IDEAS.transitions)


def test_a_lifecycle_refuses_a_transition_to_an_unknown_status():
    with pytest.raises(ValueError, match="unknown statuses"):
        Lifecycle(
            ["visible", "hidden"], {"visible": "V", "hidden": "H"}, {"delete": (["visible"], "deleted")}
        )


@pytest.mark.parametrize("locale", ["fr", "ar", "en"])
def test_every_status_has_a_translated_label(locale):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f)
    for status in IdeaStatus:
        msgid = IDEAS.labels[status]._args[0]
        assert msgid != status, status
        message = catalog.get(msgid)
        assert message is not None and message.string and not message.fuzzy, (locale, status)


def test_the_status_labels_page_shows_one_wording(client, db, auth):
    me = make_user()
    make_idea(author=me, status="pending")
    db.session.commit()
    auth.login_as(me)
    page = client.get("/ideas/mine?lang=en").get_data(as_text=True)
    assert "Awaiting moderation" in page and "Waiting for moderation" not in page


# Statuses written by hand: a tuple of them, or a comparison with one in a service or a template.
HAND_WRITTEN = re.compile(
    r"""\(\s*["'](pending|published|hidden|changes_requested)["']\s*,"""
    r"""|status\s*[!=]=\s*["'](published|merged|changes_requested)["']"""
    r"""|status\s+(not\s+)?in\s*\("""
)


@pytest.mark.parametrize(
    "path",
    [
        "app/moderation/services.py",
        "app/moderation/reporting.py",
        "app/moderation/edits.py",
        "app/ideas/services.py",
        "app/votes/services.py",
        "app/templates/moderation/review.html",
        "app/templates/moderation/_queue_item.html",
        "app/templates/moderation/public_status.html",
        "app/templates/ideas/detail.html",
        "app/templates/ideas/mine.html",
    ],
)
def test_services_and_templates_ask_the_lifecycle(path):
    text = (ROOT / path).read_text()
    assert not HAND_WRITTEN.search(text), HAND_WRITTEN.search(text).group(0)
