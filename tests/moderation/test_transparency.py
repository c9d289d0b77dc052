"""The public transparency page shows decisions and figures, never hidden content."""

from app.extensions import db
from app.moderation import reporting, services
from tests.factories import make_idea, make_user


def test_transparency_page_shows_decisions_without_hidden_content(client):
    moderator = make_user(role="moderator", name="Youssef")
    published = make_idea(status="pending", title="Public bench on the corniche")
    rejected = make_idea(status="pending", title="Secret rejected text", description="private words")
    hidden = make_idea(title="Insulting hidden title")
    services.approve_idea(published, moderator, published.updated_at)
    services.reject_idea(rejected, moderator, rejected.updated_at, "offensive", "You insulted a neighbour")
    services.hide_idea(hidden, moderator, hidden.updated_at, "personal_data")
    db.session.commit()
    page = client.get("/transparency?lang=en").get_data(as_text=True)
    assert "Public bench on the corniche" in page
    for secret in ("Secret rejected text", "private words", "Insulting hidden title", "You insulted"):
        assert secret not in page
    assert "Offensive or disrespectful content" in page and "Contains personal data" in page
    assert "Youssef" in page
    assert rejected.author.display_name not in page


def test_transparency_figures_come_as_a_chart_and_the_same_table(client):
    moderator = make_user(role="moderator")
    ideas = [make_idea(status="pending") for _ in range(3)]
    services.approve_idea(ideas[0], moderator, ideas[0].updated_at)
    services.reject_idea(ideas[1], moderator, ideas[1].updated_at, "duplicate")
    db.session.commit()
    page = client.get("/transparency?lang=en").get_data(as_text=True)
    assert '<svg role="img"' in page and "<table>" in page
    assert "Rejected: Duplicate of an existing idea" in page
    assert "Median time to decision (days)" in page
    monthly = page[: page.index("</table>", page.index('id="per-month-caption"'))]
    row = monthly[monthly.rindex("<tr>") :]
    cells = row[: row.index("</tr>")]
    assert "<td>3</td>" in cells  # received this month


def test_an_idea_published_then_hidden_leaves_no_title_on_the_page(client):
    moderator = make_user(role="moderator")
    idea = make_idea(status="pending", title="Becomes hidden later")
    services.approve_idea(idea, moderator, idea.updated_at)
    reporting.report_idea(idea, make_user(), "spam", threshold=1)
    db.session.commit()
    page = client.get("/transparency?lang=en").get_data(as_text=True)
    assert "Becomes hidden later" not in page and "automatic (reports)" in page


def test_transparency_page_is_public_in_arabic(client):
    page = client.get("/transparency?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in page and "الشفافية" in page


def test_monthly_figures_count_received_published_rejected_and_median_delay(app):
    from datetime import timedelta

    from app.core.time import utcnow
    from app.moderation.transparency import monthly_figures

    moderator = make_user(role="moderator")
    now = utcnow()
    waited_one = make_idea(status="pending", created_at=now - timedelta(hours=24))
    waited_three = make_idea(status="pending", created_at=now - timedelta(hours=72))
    services.approve_idea(waited_one, moderator, waited_one.updated_at)
    services.reject_idea(waited_three, moderator, waited_three.updated_at, "off_topic")
    db.session.commit()
    this_month = monthly_figures()[-1]
    assert this_month["month"] == now.strftime("%Y-%m")
    assert this_month["published"] == 1 and this_month["rejected"] == 1
    assert this_month["by_reason"] == {"off_topic": 1}
    assert this_month["median_days"] == 2.0
