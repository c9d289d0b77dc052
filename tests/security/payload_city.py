"""A city whose every user-supplied text is a payload of payloads.txt: names, ideas, reports,
moderators' messages, the city's answers, corrections, events, imported outcomes, districts and
categories. tests/e2e/test_payloads.py opens every page that shows them."""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import current_app

from app.creathon import importer, linking, storage
from app.creathon import services as creathon_services
from app.creathon.mapping import guess_mapping, mapping_to_query
from app.creathon.models import Event, Outcome
from app.creathon.readers import read_table
from app.extensions import db
from app.geometry.polygons import service_area
from app.ideas.models import Category, District, Idea
from app.moderation import edits, reporting
from app.moderation import services as moderation
from tests.creathon.files import first_category_options
from tests.factories import make_idea, make_user

CORPUS = Path(__file__).with_name("payloads.txt")
CENTRE = (33.5951, -7.6187)


def load_payloads():
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("## ")]


def fit(model, column, text):
    """`text` cut to the column's length, as the forms would have refused anything longer."""
    length = getattr(model.__table__.c[column].type, "length", None)
    return text[:length] if length else text


@dataclass
class PayloadCity:
    payloads: list
    author: object
    moderator: object
    facilitator: object
    admin: object
    published: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    decided: list = field(default_factory=list)
    events: list = field(default_factory=list)
    event: object = None  # the event holding the imported outcomes
    outcomes: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    upload_token: str = ""
    upload_query: dict = field(default_factory=dict)
    odd_upload_token: str = ""


def _named_user(role, payload):
    from app.accounts.models import User

    return make_user(role=role, name=fit(User, "display_name", payload))


def _categories(payloads):
    found = []
    for n, payload in enumerate(payloads[:6]):
        category = Category(
            slug=f"payload-{n}",
            theme="mobility",
            name_fr=fit(Category, "name_fr", payload),
            name_ar=fit(Category, "name_ar", payloads[-1 - n]),
            name_en=fit(Category, "name_en", payload),
        )
        db.session.add(category)
        found.append(category)
    db.session.flush()
    return found


def _districts(payloads):
    lat, lng = CENTRE
    found = []
    for n, payload in enumerate(payloads[6:9]):
        west, south = lng - 0.02 + n * 0.01, lat - 0.01
        ring = [[west, south], [west + 0.01, south], [west + 0.01, south + 0.02], [west, south + 0.02]]
        district = District(
            slug=f"payload-{n}",
            name_fr=fit(District, "name_fr", payload),
            name_ar=fit(District, "name_ar", payloads[-4 - n]),
            name_en=fit(District, "name_en", payload),
            geometry=json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]}),
            min_lng=west,
            min_lat=south,
            max_lng=west + 0.01,
            max_lat=south + 0.02,
            center_lat=south + 0.01,
            center_lng=west + 0.005,
        )
        db.session.add(district)
        found.append(district)
    db.session.flush()
    return found


def outcome_file(payloads):
    """A semicolon CSV of outcomes whose every cell is a payload."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Identifiant", "Titre", "Descriptif", "Latitude", "Longitude", "Lieu", "Équipe", "Rang"])
    lat, lng = CENTRE
    for n, payload in enumerate(payloads):
        point = (f"{lat + (n % 7) * 0.0004:.5f}", f"{lng + (n // 7) * 0.0004:.5f}")
        writer.writerow([f"P{n}", payload[:160], payload, *point, payload[:200], payload[:200], n + 1])
    return out.getvalue().encode()


def odd_file(payloads):
    """A file whose column names are payloads too (the mapping page shows them)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Titre", *payloads[:12]])
    writer.writerow(["Une ligne", *payloads[12:24]])
    return out.getvalue().encode()


def _version(idea):
    db.session.refresh(idea)
    return idea.updated_at


def _ideas(city, categories, districts):
    lat, lng = CENTRE
    payloads = city.payloads
    for n, payload in enumerate(payloads):
        text = {
            "title": fit(Idea, "title", payload),
            "description": "\n".join([payload, payloads[n - 1], payloads[n - 2]]),
            "place_label": fit(Idea, "place_label", payload),
            "category": categories[n % len(categories)],
            "district": districts[n % len(districts)],
            "lat": lat + (n % 7) * 0.0005,
            "lng": lng + (n // 7) * 0.0005,
        }
        city.published.append(make_idea(city.author, **text))
        city.pending.append(make_idea(city.author, status="pending", **text))
        city.decided.append(make_idea(city.author, status="pending" if n % 3 != 2 else "published", **text))
    db.session.commit()


def _moderate(city, reporters):
    moderator = city.moderator
    payloads = city.payloads
    for n, (idea, decided) in enumerate(zip(city.published, city.decided, strict=True)):
        payload = payloads[n]
        reporting.report_idea(idea, reporters[n], "other", details=payload, threshold=99)
        reporting.set_public_status(idea, moderator, "under_study", payload)
        category = city.categories[(n + 1) % len(city.categories)]
        # A correction refused with a message, then another one that waits in the queue.
        edit = edits.propose_edit(idea, city.author, fit(Idea, "title", payload), payload, category)
        edits.reject_edit(edit, moderator, "other", payload)
        edits.propose_edit(idea, city.author, fit(Idea, "title", payloads[-1 - n]), payload, category)
        if n % 3 == 0:
            moderation.reject_idea(decided, moderator, _version(decided), "other", payload)
        elif n % 3 == 1:
            moderation.request_changes(decided, moderator, _version(decided), payload)
        else:
            moderation.hide_idea(decided, moderator, _version(decided), "other", payload)
    db.session.commit()  # the notifications' mails leave with the commit


def _creathon(city):
    payloads = city.payloads
    for n, payload in enumerate(payloads):
        city.events.append(
            creathon_services.create_event(
                city.facilitator,
                f"payload-event-{n}",
                facilitators=[city.facilitator],
                title=fit(Event, "title", payload),
                start_date=date(2018, 4, 1 + n % 28),
                venue=fit(Event, "venue", payload),
                partners="\n".join(payloads[n : n + 5]),
                description="\n\n".join([payload, payloads[n - 1]]),
                publish_directly=True,
            )
        )
    city.event = city.events[0]
    data = outcome_file(payloads)
    table = read_table(data, "outcomes.csv")
    mapping = guess_mapping(table.header)
    name = f"{payloads[0]}.csv"
    importer.import_rows(
        city.event,
        table.rows,
        mapping,
        user=city.facilitator,
        filename=name,
        data=data,
        header=table.header,
        area=service_area(current_app.config),
        options=first_category_options(),
    )
    city.outcomes = db.session.scalars(
        db.select(Outcome).where(Outcome.event_id == city.event.id).order_by(Outcome.id)
    ).all()
    for outcome, idea in zip(city.outcomes, city.published, strict=False):
        linking.link_idea(outcome, idea, "builds_on", city.facilitator)
    db.session.commit()
    city.upload_token = storage.save_pending(data, name, city.event.id, city.facilitator.id)
    city.upload_query = mapping_to_query(mapping)
    city.odd_upload_token = storage.save_pending(odd_file(payloads), name, city.event.id, city.facilitator.id)


def build_payload_city():
    """Everything committed; mail goes wherever the app's MAIL_BACKEND sends it."""
    payloads = load_payloads()
    city = PayloadCity(
        payloads=payloads,
        author=_named_user("citizen", payloads[0]),
        moderator=_named_user("moderator", payloads[20]),
        facilitator=_named_user("facilitator", payloads[22]),
        admin=_named_user("admin", payloads[24]),
    )
    reporters = [_named_user("citizen", payload) for payload in payloads]
    city.categories = _categories(payloads)
    districts = _districts(payloads)
    db.session.commit()
    _ideas(city, city.categories, districts)
    _moderate(city, reporters)
    _creathon(city)
    return city
