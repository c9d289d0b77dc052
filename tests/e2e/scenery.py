"""The content the browser tests walk through: a district, a category, ideas, a créathon."""

import json
from datetime import date

from app.creathon import services as creathon_services
from app.creathon.models import Outcome
from app.extensions import db
from app.ideas.models import District
from tests.factories import PASSWORD, make_category, make_idea, make_user


def make_district():
    square = [[-7.63, 33.58], [-7.60, 33.58], [-7.60, 33.61], [-7.63, 33.61], [-7.63, 33.58]]
    district = District(
        slug="sidi-belyout",
        name_fr="Sidi Belyout",
        name_ar="سيدي بليوط",
        name_en="Sidi Belyout",
        geometry=json.dumps({"type": "Polygon", "coordinates": [square]}),
        min_lng=-7.63,
        min_lat=33.58,
        max_lng=-7.60,
        max_lat=33.61,
        center_lat=33.595,
        center_lng=-7.615,
    )
    db.session.add(district)
    db.session.flush()
    return district


def make_event(creator=None, facilitators=()):
    return creathon_services.create_event(
        creator,
        "creathon-mobilite",
        facilitators=facilitators,
        kind="creathon",
        title="Créathon mobilité",
        start_date=date(2025, 4, 20),
        venue="Technopark",
        theme="mobility",
        publish_directly=True,
    )


def build_city():
    """Everything the audited pages show, committed; returns the objects the tests visit."""
    district = make_district()
    category = make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    citizen = make_user(name="Salma Idrissi")
    moderator = make_user(role="moderator", name="Karim Moderator")
    idea = make_idea(title="Des bancs à l'ombre", category=category, district=district)
    make_idea(title="Une piste cyclable", category=category, status="pending")
    event = make_event()
    creathon_idea = make_idea(title="Parking libre", category=category, source="creathon")
    db.session.add(Outcome(event=event, idea=creathon_idea, team="Équipe Darb", rank=1, match_key="id:A1"))
    from app.votes import services as vote_services

    vote_services.cast_vote(citizen, idea)
    db.session.commit()
    return {"citizen": citizen, "moderator": moderator, "idea": idea, "event": event, "category": category}


def sign_in(page, live_url, user, lang="fr"):
    page.goto(f"{live_url}/login?lang={lang}")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def tr(app, lang, message, **values):
    """The message as the pages show it in `lang`."""
    from flask_babel import force_locale, gettext

    with app.test_request_context("/"), force_locale(lang):
        return gettext(message, **values)
