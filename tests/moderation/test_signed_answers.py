"""The city's answer is signed by the city or a department, and written in several languages."""

from html import unescape

from app.extensions import db
from app.moderation.models import PublicStatusEntry
from tests.factories import make_idea


def _answer(client, idea, **data):
    return client.post(
        f"/moderation/ideas/{idea.id}/public-status?lang=en", data={"status": "planned", **data}
    )


def test_the_answer_is_signed_by_the_department_never_by_the_moderator(client, auth):
    idea = make_idea()
    db.session.commit()
    auth.login(role="moderator", name="Karim Bennis")
    assert _answer(client, idea, signature="mobility", explanation_fr="Budget voté.").status_code == 302
    entry = db.session.query(PublicStatusEntry).one()
    assert entry.signature == "mobility" and entry.translations == {"fr": "Budget voté."}
    auth.logout()
    page = unescape(client.get(f"/ideas/{idea.id}?lang=fr").get_data(as_text=True))
    assert "Direction de la mobilité" in page and "Karim Bennis" not in page


def test_each_resident_reads_their_language_and_a_fallback_is_marked(client, auth):
    idea = make_idea()
    db.session.commit()
    auth.login(role="moderator")
    _answer(
        client,
        idea,
        signature="city",
        explanation_fr="Budget voté.",
        explanation_ar="تمت المصادقة على الميزانية.",
    )
    auth.logout()
    arabic = client.get(f"/ideas/{idea.id}?lang=ar").get_data(as_text=True)
    assert 'lang="ar">تمت المصادقة على الميزانية.' in arabic and "Budget voté." not in arabic
    assert "مدينة الدار البيضاء" in arabic
    english = unescape(client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True))
    assert (
        "This answer is not translated into your language" in english and 'lang="fr">Budget voté.' in english
    )


def test_an_answer_needs_a_text_in_one_language_and_a_known_signature(client, auth):
    idea = make_idea()
    db.session.commit()
    auth.login(role="moderator")
    response = _answer(client, idea, signature="city", explanation_fr=" ", explanation_ar="")
    assert response.status_code == 422
    assert "in at least one language" in response.get_data(as_text=True)
    assert _answer(client, idea, signature="mayor", explanation_en="Soon.").status_code == 422
    assert db.session.query(PublicStatusEntry).count() == 0
    assert idea.public_status is None
