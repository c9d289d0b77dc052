"""Every notification reads naturally in French, Arabic and English, with its reason."""

import pytest
from flask_babel import force_locale

from app.moderation.notices import KINDS
from app.notifications.messages import notification_text

PARAMS = {
    "title": "Bancs",
    "target": "Ombre",
    "reason": "offensive",
    "status": "planned",
    "explanation": "Budget 2027.",
    "message": "Merci.",
}
REASON = {
    "fr": "Contenu injurieux ou irrespectueux",
    "ar": "محتوى مسيء أو غير محترم",
    "en": "Offensive or disrespectful content",
}
WITH_REASON = {"idea_rejected", "idea_hidden", "supported_idea_hidden", "account_blocked"}
STATUS = {"fr": "Programmée", "ar": "مبرمجة", "en": "Planned"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_notification_kind_is_translated_in_every_language(app, kind):
    texts = {}
    for language in ("fr", "ar", "en"):
        with app.test_request_context(), force_locale(language):
            texts[language] = notification_text(kind, PARAMS)
    assert len(set(texts.values())) == 3, texts
    for language, text in texts.items():
        if kind != "account_blocked":
            assert "Bancs" in text
        if kind in WITH_REASON:
            assert REASON[language] in text
        if "public_status" in kind:
            assert STATUS[language] in text and "Budget 2027." in text


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("fr", "Agora : du nouveau sur « Bancs »"),
        ("ar", "أغورا: مستجدات حول «Bancs»"),
        ("en", "Agora: news about “Bancs”"),
    ],
)
def test_email_subject_and_body_are_in_the_recipients_language(app, outbox, language, subject):
    from app.extensions import db
    from app.notifications.services import notify
    from tests.factories import make_idea, make_user

    user = make_user(language=language)
    idea = make_idea(author=user, title="Bancs")
    db.session.commit()
    notify([user], "idea_published", idea.id, title="Bancs")
    db.session.commit()
    assert outbox[0].subject == subject
    assert f"/ideas/{idea.id}" in outbox[0].body


def test_an_undeclared_kind_is_refused_when_notifying_and_when_rendering(app):
    from app.extensions import db
    from app.notifications.messages import UnknownKind
    from app.notifications.models import Notification
    from app.notifications.services import notify, notify_later
    from tests.factories import make_user

    user = make_user()
    db.session.commit()
    with pytest.raises(UnknownKind):
        notify([user], "idea_publshed", title="Bancs")
    with pytest.raises(UnknownKind):
        notify_later([user.id], "idea_publshed", title="Bancs")
    assert db.session.query(Notification).count() == 0
    with app.test_request_context(), pytest.raises(UnknownKind):
        notification_text("idea_publshed", PARAMS)


def test_kinds_belong_to_the_app_whose_blueprints_declare_them(app):
    from flask import Blueprint, Flask

    from app.notifications.messages import UnknownKind, declare_kinds, kinds_of

    other, bp = Flask("other"), Blueprint("other", __name__)
    declare_kinds(bp, {"other_kind": lambda params: "other"})
    other.register_blueprint(bp)
    assert "other_kind" in kinds_of(other)
    assert "other_kind" not in kinds_of(app) and "idea_published" in kinds_of(app)
    with other.app_context(), pytest.raises(UnknownKind):
        notification_text("idea_published", {})
