"""/transparency says which answer was given, counts in plural words and skips empty months;
the outbox writes its dates in the admin's language."""

from datetime import timedelta
from html import unescape

from app.core.time import utcnow
from app.extensions import db
from app.moderation import reporting, services
from tests.factories import make_idea, make_user


def test_transparency_names_the_answer_and_leaves_empty_months_out(client):
    moderator = make_user(role="moderator")
    idea = make_idea(title="Banc public")
    reporting.set_public_status(idea, moderator, "in_progress", {"fr": "Travaux lancés."}, "works")
    db.session.commit()
    page = unescape(client.get("/transparency?lang=fr").get_data(as_text=True))
    assert "Réponse de la ville : En cours" in page or "Réponse de la ville: En cours" in page
    assert '<th scope="col">Publiées</th>' in page and '<th scope="col">Reçues</th>' in page
    table = page[
        page.index('id="per-month-caption"') : page.index("</table>", page.index('id="per-month-caption"'))
    ]
    assert table.count('<th scope="row">') == 1  # only this month has ideas


def test_transparency_signs_the_citys_answer_as_the_department_not_the_moderator(client):
    moderator = make_user(role="moderator", name="Karim Benali")
    idea = make_idea(title="Banc public")
    reporting.set_public_status(idea, moderator, "planned", {"fr": "Prévu en mars."}, "works")
    db.session.commit()
    page = unescape(client.get("/transparency?lang=fr").get_data(as_text=True))
    table = page[page.index('id="decisions-title"') :]
    row = table[table.index("Réponse de la ville") : table.index("</tr>", table.index("Réponse de la ville"))]
    assert "Direction des travaux publics" in row
    assert "Karim Benali" not in page


def test_transparency_without_any_idea_says_so(client):
    page = unescape(client.get("/transparency?lang=en").get_data(as_text=True))
    assert "No idea was received, published or rejected in the last twelve months." in page


def test_an_old_month_with_ideas_is_listed_between_hidden_empty_ones(client):
    moderator = make_user(role="moderator")
    old = make_idea(status="pending", created_at=utcnow() - timedelta(days=95))
    services.approve_idea(old, moderator, old.updated_at)
    db.session.commit()
    page = client.get("/transparency?lang=en").get_data(as_text=True)
    table = page[
        page.index('id="per-month-caption"') : page.index("</table>", page.index('id="per-month-caption"'))
    ]
    assert table.count('<th scope="row">') == 2


def test_the_outbox_writes_dates_in_the_readers_language(app, client, auth, tmp_path):
    from flask_mailman import EmailMessage

    from app.core.outbox import EmailBackend

    app.config["MAIL_BACKEND"] = "app.core.outbox.EmailBackend"
    app.config["OUTBOX_DIR"] = tmp_path
    with app.test_request_context("/"):
        EmailBackend().send_messages([EmailMessage(subject="Bonjour", body="Texte", to=["a@example.org"])])
    auth.login(role="admin")
    page = client.get("/admin/outbox?lang=ar").get_data(as_text=True)
    assert "<time datetime=" in page
    # Written the Arabic way (the month in Arabic, "م" for the afternoon), not
    # as the raw "Fri, 04 Dec 2026 20:30:48 +0000" header.
    assert "ديسمبر" in page and "+0000" not in page and "Dec" not in page
