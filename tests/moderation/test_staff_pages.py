"""The audit log (search and exports), the queue export, the statistics and the texts editor."""

import csv
import io
from datetime import timedelta
from html import unescape

from openpyxl import load_workbook

from app.core.time import utcnow
from app.extensions import db
from app.moderation import services
from app.moderation.models import CustomText
from tests.factories import make_idea, make_user
from tests.moderation.helpers import version


def _decided():
    amal, karim = make_user(role="moderator", name="Amal"), make_user(role="moderator", name="Karim")
    first = make_idea(status="pending", title="Un banc", created_at=utcnow() - timedelta(hours=10))
    second = make_idea(
        status="pending", title='=HYPERLINK("http://evil")', created_at=utcnow() - timedelta(hours=4)
    )
    services.approve_idea(first, amal, first.updated_at)
    services.reject_idea(second, karim, second.updated_at, "offensive", "Merci de rester courtois.")
    db.session.commit()
    return amal, karim, first, second


def test_the_audit_log_is_searched_by_moderator_action_idea_and_date(client, auth):
    amal, karim, first, second = _decided()
    auth.login(role="moderator")
    page = client.get(f"/moderation/log?moderator={karim.id}&lang=en").get_data(as_text=True)
    assert "Merci de rester courtois." in page and f"#{first.id} ·" not in page and "1 action found." in page
    page = client.get("/moderation/log?action=approve&lang=en").get_data(as_text=True)
    assert f"#{first.id} ·" in page and f"#{second.id} ·" not in page
    page = client.get(f"/moderation/log?idea={second.id}").get_data(as_text=True)
    assert f"#{second.id} ·" in page and f"#{first.id} ·" not in page
    tomorrow = (utcnow() + timedelta(days=1)).date().isoformat()
    assert "0 actions found." in client.get(f"/moderation/log?since={tomorrow}&lang=en").get_data(
        as_text=True
    )
    today = utcnow().date().isoformat()
    assert "2 actions found." in client.get(f"/moderation/log?since={today}&until={today}&lang=en").get_data(
        as_text=True
    )


def test_bad_log_filters_are_explained_and_ignored(client, auth):
    _decided()
    auth.login(role="moderator")
    response = client.get("/moderation/log?since=hier&idea=abc&action=explode&lang=en")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Write dates as YYYY-MM-DD" in page and "Give the number of an idea." in page
    assert "“explode” is not an action of the log" in page and "2 actions found." in page


def test_decisions_export_as_csv_and_xlsx_with_formulas_defused(client, auth):
    _decided()
    auth.login(role="moderator")
    response = client.get("/moderation/log/export.csv?lang=fr")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Modérateur", "Action"]
    titles = {row[4] for row in rows[1:]}
    assert "Un banc" in titles and '\'=HYPERLINK("http://evil")' in titles
    workbook = load_workbook(io.BytesIO(client.get("/moderation/log/export.xlsx?lang=ar").get_data()))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][1] == "مشرف" and len(values) == 3
    assert client.get("/moderation/log/export.pdf").status_code == 404


def test_the_queue_exports_what_the_filters_show(client, auth):
    waiting = make_idea(status="pending", title="Une fontaine")
    db.session.commit()
    auth.login(role="moderator")
    rows = list(
        csv.reader(io.StringIO(client.get("/moderation/export.csv?lang=en").get_data().decode("utf-8-sig")))
    )
    assert rows[0][0] == "Number" and rows[1][0] == str(waiting.id) and rows[1][2] == "Une fontaine"
    rows = list(
        csv.reader(
            io.StringIO(client.get("/moderation/export.csv?assigned=mine").get_data().decode("utf-8-sig"))
        )
    )
    assert len(rows) == 1
    workbook = load_workbook(io.BytesIO(client.get("/moderation/export.xlsx").get_data()))
    assert workbook.active.max_row == 2


def test_the_statistics_give_the_backlog_decisions_per_moderator_and_the_median(client, auth):
    _decided()
    make_idea(status="pending", created_at=utcnow() - timedelta(days=10))
    make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    page = unescape(client.get("/moderation/stats?lang=en").get_data(as_text=True))
    assert "2 items waiting." in page and "The oldest has waited 10 days." in page
    # Median of 10 h and 4 h.
    assert "first decision: 7 hours, over 2 decisions." in page
    assert "Amal" in page and "Karim" in page


def test_an_admin_rewords_a_reason_in_arabic_and_the_author_reads_it(client, auth, outbox):
    auth.login(role="admin")
    page = client.get("/moderation/texts?lang=en").get_data(as_text=True)
    assert "Rejection reason: Not about public space or mobility" in unescape(page)
    client.post(
        "/moderation/texts",
        data={"key": "reason:off_topic", "text_ar": "لا علاقة لها بالمدينة", "text_fr": "", "text_en": ""},
    )
    assert db.session.query(CustomText).count() == 1
    author = make_user(language="ar")
    idea = make_idea(author=author, status="pending")
    db.session.commit()
    client.post(f"/moderation/ideas/{idea.id}/reject", data={"version": version(idea), "reason": "off_topic"})
    assert "لا علاقة لها بالمدينة" in outbox[0].body
    # Other languages keep the built-in wording; an empty text brings the built-in one back.
    make_idea(status="pending")
    db.session.commit()
    assert "Not about public space or mobility" in unescape(
        client.get("/moderation?lang=en").get_data(as_text=True)
    )
    client.post(
        "/moderation/texts", data={"key": "reason:off_topic", "text_ar": "", "text_fr": "", "text_en": ""}
    )
    assert db.session.query(CustomText).count() == 0


def test_an_admin_rewords_a_notice_with_its_placeholders_only(client, auth, outbox):
    auth.login(role="admin")
    page = client.post(
        "/moderation/texts?lang=en",
        data={"key": "notice:idea_published", "text_fr": "Bonne nouvelle : « {title} » est en ligne {evil}."},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Unknown placeholder: {evil}. This text can use: {title}." in unescape(page)
    assert db.session.query(CustomText).count() == 0
    client.post(
        "/moderation/texts",
        data={"key": "notice:idea_published", "text_fr": "Bonne nouvelle : « {title} » est en ligne."},
    )
    author = make_user(language="fr")
    idea = make_idea(author=author, status="pending", title="Un banc")
    db.session.commit()
    client.post(f"/moderation/ideas/{idea.id}/approve", data={"version": version(idea)})
    assert "Bonne nouvelle : « Un banc » est en ligne." in outbox[0].body
    assert client.post("/moderation/texts", data={"key": "notice:nothing", "text_fr": "x"}).status_code == 302
    assert db.session.query(CustomText).count() == 1


def test_only_admins_edit_the_texts(client, auth):
    auth.login(role="moderator")
    assert client.get("/moderation/texts").status_code == 403
    assert client.post("/moderation/texts", data={"key": "reason:other", "text_fr": "x"}).status_code == 403


def test_numbers_too_large_for_the_database_are_refused_politely(client, auth):
    idea = make_idea(status="pending")
    db.session.commit()
    auth.login(role="moderator")
    huge = "9" * 30
    assert client.get(f"/moderation/log?idea={huge}&moderator={huge}").status_code == 200
    page = unescape(client.get(f"/moderation?category={huge}&district={huge}&lang=en").get_data(as_text=True))
    assert f"No category is called “{huge}”" in page
    response = client.post(f"/moderation/ideas/{idea.id}/claim?lang=en", data={"assignee": huge})
    assert response.status_code == 302
    assert (
        client.post("/moderation/bulk", data={"verb": "approve", "items": [f"{huge}@x"]}).status_code == 302
    )
