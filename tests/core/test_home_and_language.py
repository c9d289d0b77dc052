"""The home page shows a living city (the month's figures, the city's latest answers, créathons);
dates have one style per language; Arabic plurals; text of the other direction is isolated."""

from datetime import date, datetime, timedelta

from flask_babel import force_locale

from app.core import dates
from app.core.bidi import isolate
from app.core.time import utcnow
from app.creathon import services as creathon_services
from app.extensions import db as _db
from app.moderation import reporting
from app.votes import services as votes
from tests.factories import make_idea, make_user


def _event(slug, days):
    return creathon_services.create_event(
        None,
        slug,
        kind="workshop",
        title=f"Atelier {slug}",
        start_date=utcnow().date() + timedelta(days=days),
    )


def test_home_page_shows_the_months_figures_answers_and_creathons(client, db):
    moderator = make_user(role="moderator")
    idea = make_idea(title="Un abri pour le bus")
    old = make_idea(title="Ancienne idée")
    old.published_at = utcnow() - timedelta(days=70)
    votes.cast_vote(make_user(), idea)
    votes.cast_vote(make_user(), idea)
    reporting.set_public_status(idea, moderator, "planned", "Les travaux sont prévus en mars.")
    _event("a-venir", 10)
    _event("passe", -20)
    _db.session.commit()
    page = client.get("/?lang=en").get_data(as_text=True)
    figures = page[page.index('class="figure-list"') : page.index("</ul>", page.index('class="figure-list"'))]
    assert ">1</span>" in figures and "new idea published" in figures
    assert ">2</span>" in figures and "supports given" in figures
    assert "answer from the city" in figures
    assert "The city&#39;s latest answers" in page or "The city's latest answers" in page
    assert "Un abri pour le bus" in page and "Planned" in page
    assert "Coming up" in page and "Atelier a-venir" in page
    assert "Recently held" in page and "Atelier passe" in page


def test_an_empty_city_still_has_a_home_page(client, db):
    page = client.get("/?lang=fr").get_data(as_text=True)
    assert "Ce mois-ci sur Agora" in page and "Les dernières réponses" not in page


def test_one_date_style_per_language(app):
    moment = datetime(2026, 12, 4, 11, 5)  # shown in the site's time zone, still on the 4th
    with app.test_request_context("/"):
        expected = {
            "fr": ("4 décembre 2026", "4 décembre 2026, "),
            "ar": ("4 ديسمبر 2026", "4 ديسمبر 2026، "),
            "en": ("December 4, 2026", "December 4, 2026, "),
        }
        for lang, (day, joined) in expected.items():
            with force_locale(lang):
                assert dates.day(date(2026, 12, 4)) == day
                assert dates.moment(moment).startswith(joined) and ":05" in dates.moment(moment)
                assert dates.moment(date(2026, 12, 4)) == day


def test_templates_have_a_single_date_helper(app):
    from pathlib import Path

    templates = Path(app.root_path) / "templates"
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|datetime(" not in text, path


def test_the_reset_mail_says_two_hours_with_the_arabic_dual(app):
    with app.test_request_context("/"), force_locale("ar"):
        from flask_babel import ngettext

        two = ngettext("The link works once, for %(num)s hour.", "The link works once, for %(num)s hours.", 2)
        three = ngettext(
            "The link works once, for %(num)s hour.", "The link works once, for %(num)s hours.", 3
        )
    assert "ساعتين" in two or "ساعتان" in two
    assert "3 ساعات" in three


def test_names_in_the_nav_and_titles_in_notifications_are_isolated(client, db, auth):
    user = auth.login(name="Nadia (facilitatrice)")
    page = client.get("/?lang=ar").get_data(as_text=True)
    assert isolate("Nadia (facilitatrice)") in page
    assert f"({isolate('Nadia (facilitatrice)')})" in page
    del user


def test_example_coordinates_read_left_to_right_in_arabic(client, db):
    page = client.get("/ideas?lang=ar").get_data(as_text=True)
    assert "\u206633.5731, -7.5898\u2069" in page
