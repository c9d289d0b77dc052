"""A small city with one object of every kind a route can point at, owned by known people:
the security tests build URLs from it and sign in as each of its roles."""

import io
import json
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from PIL import Image

from app.accounts import services as account_services
from app.comments import services as comment_services
from app.creathon import importer, linking, storage
from app.creathon import services as creathon_services
from app.creathon.mapping import guess_mapping, mapping_to_query
from app.creathon.models import Outcome
from app.creathon.readers import read_table
from app.extensions import db
from app.follows.tokens import unsubscribe_token
from app.geometry.polygons import service_area
from app.ideas.models import District
from app.moderation import edits, reporting
from app.notifications.services import notify
from app.privacy import services as privacy_services
from tests.creathon.files import first_category_options
from tests.factories import make_category, make_idea, make_user

# Where the créathon outcome stands; the ideas around it are close enough to be suggested.
SPOT = (33.5951, -7.6187)
NON_PUBLIC = ("pending", "changes_requested", "rejected", "hidden", "withdrawn", "merged")
ROLES = ("anonymous", "unverified", "citizen", "facilitator", "moderator", "admin", "facilitator_b")
OUTCOME_TEXT = "Abri vélo sécurisé près de la gare"
OUTCOME_CSV = (
    "Identifiant;Titre;Descriptif;Latitude;Longitude;Équipe;Rang\n"
    f"A1;{OUTCOME_TEXT};Un abri vélo sécurisé et couvert près de la gare;33,5951;-7,6187;Équipe Darb;1\n"
).encode()


def secret_title(status):
    """A title nobody but the author and staff may read: every read path must hide it."""
    return f"Abri vélo sécurisé gare secret {status}"


@dataclass
class World:
    users: dict
    category: object
    district: object
    published: object  # the citizen's published idea, with a photo
    pending: object  # the citizen's own pending idea, with a photo
    secrets: dict  # status -> the neighbour's idea in that status, with a photo
    original: object  # the published idea the merged one points to
    event: object  # facilitated by `facilitator`
    event_b: object  # facilitated by `facilitator_b`
    outcome: object
    import_record: object
    upload_token: str  # a file `facilitator` uploaded to `event`, waiting for its mapping
    upload_query: dict  # its guessed mapping, as the preview's query string
    link: object
    edit: object
    notification: object
    reset_token: str
    verify_token: str
    delete_token: str
    extra: dict = field(default_factory=dict)
    comment: object = None  # the citizen's comment on the published idea, still editable
    unsubscribe_token: str = ""  # the citizen's one-click unsubscribe link

    def user(self, role):
        return self.users.get(role)


def _project(admin, district):
    """A city project with a milestone and its photo (app.projects)."""
    from app.ideas.photos import process_photo
    from app.projects import services as project_services

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 200, 30)).save(buffer, "JPEG")
    buffer.seek(0)
    project = project_services.create_project(
        admin,
        project_services.ProjectDraft(
            titles={"fr": "Projet public"}, descriptions={}, department="Voirie", district_ids=[district.id]
        ),
        "works",
    )
    project_services.add_milestone(
        project,
        admin,
        date(2026, 1, 1),
        "Étape",
        "fr",
        [process_photo(buffer)],
        upload_dir=current_app.config["UPLOAD_DIR"],
    )
    return project


def _photo():
    """A photo file in UPLOAD_DIR, as the upload code would have written it."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "JPEG")
    folder = current_app.config["UPLOAD_DIR"]
    folder.mkdir(parents=True, exist_ok=True)
    name = f"photo{next(_names)}.jpg"
    (folder / name).write_bytes(buffer.getvalue())
    return name


def _counter():
    n = 0
    while True:
        n += 1
        yield n


_names = _counter()


def make_district():
    west, south, east, north = -7.65, 33.55, -7.55, 33.62
    square = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    district = District(
        slug="sidi-belyout",
        name_fr="Sidi Belyout",
        name_ar="سيدي بليوط",
        name_en="Sidi Belyout",
        geometry=json.dumps({"type": "Polygon", "coordinates": [square]}),
        min_lng=west,
        min_lat=south,
        max_lng=east,
        max_lat=north,
        center_lat=(south + north) / 2,
        center_lng=(west + east) / 2,
    )
    db.session.add(district)
    db.session.flush()
    return district


def build_world():
    """Everything committed; the objects are returned in a World."""
    users = {
        "anonymous": None,
        "unverified": make_user(verified=False, name="Unverified Resident"),
        "citizen": make_user(name="Salma Resident"),
        "facilitator": make_user(role="facilitator", name="Fatima Facilitator"),
        "moderator": make_user(role="moderator", name="Karim Moderator"),
        "admin": make_user(role="admin", name="Amal Admin"),
        "facilitator_b": make_user(role="facilitator", name="Badr Other Facilitator"),
    }
    neighbour = make_user(name="Nabil Neighbour")
    users["neighbour"] = neighbour
    citizen = users["citizen"]
    category = make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    district = make_district()
    lat, lng = SPOT
    near = {"category": category, "district": district, "lat": lat + 0.0004, "lng": lng + 0.0004}
    published = make_idea(
        citizen,
        title="Abri vélo sécurisé près de la gare publié",
        description="Un abri vélo sécurisé et couvert près de la gare.",
        photo=_photo(),
        **near,
    )
    pending = make_idea(citizen, status="pending", title="Banc à l'ombre du citoyen", photo=_photo(), **near)
    original = make_idea(neighbour, title="Original idea of the neighbour", **near)
    secrets = {}
    for status in NON_PUBLIC:
        extra = {"merged_into_id": original.id} if status == "merged" else {}
        secrets[status] = make_idea(
            neighbour,
            status=status,
            title=secret_title(status),
            description="Un abri vélo sécurisé et couvert près de la gare, secret.",
            photo=_photo(),
            **near,
            **extra,
        )
    event = creathon_services.create_event(
        users["facilitator"],
        "creathon-a",
        facilitators=[users["facilitator"]],
        title="Créathon A",
        start_date=date(2018, 4, 20),
        theme="mobility",
        publish_directly=True,
    )
    event_b = creathon_services.create_event(
        users["facilitator_b"],
        "creathon-b",
        facilitators=[users["facilitator_b"]],
        title="Créathon B",
        start_date=date(2019, 4, 20),
        theme="mobility",
        publish_directly=True,
    )
    table = read_table(OUTCOME_CSV, "outcomes.csv")
    mapping = guess_mapping(table.header)
    record, _preview = importer.import_rows(
        event,
        table.rows,
        mapping,
        user=users["facilitator"],
        filename="outcomes.csv",
        data=OUTCOME_CSV,
        header=table.header,
        area=service_area(current_app.config),
        options=first_category_options(),
    )
    outcome = db.session.scalar(db.select(Outcome).where(Outcome.event_id == event.id))
    link = linking.link_idea(outcome, published, "builds_on", users["facilitator"])
    token = storage.save_pending(OUTCOME_CSV, "outcomes.csv", event.id, users["facilitator"].id)
    edit = edits.propose_edit(published, citizen, "Abri vélo corrigé", published.description, category)
    reporting.report_idea(published, neighbour, "spam", threshold=99)
    comment = comment_services.post_comment(citizen, published, "Un commentaire du citoyen")
    project = _project(users["admin"], district)
    (notification,) = notify([citizen], "idea_published", published.id, title=published.title)
    notify([neighbour], "idea_rejected", secrets["rejected"].id, title=secret_title("rejected"))
    db.session.commit()
    return World(
        users=users,
        category=category,
        district=district,
        published=published,
        pending=pending,
        secrets=secrets,
        original=original,
        event=event,
        event_b=event_b,
        outcome=outcome,
        import_record=record,
        upload_token=token,
        upload_query={**mapping_to_query(mapping), **first_category_options().to_query()},
        link=link,
        edit=edit,
        notification=notification,
        reset_token=account_services.reset_token(citizen),
        verify_token=account_services.verification_token(users["unverified"]),
        delete_token=privacy_services.deletion_token(citizen),
        extra={"project": project},
        comment=comment,
        unsubscribe_token=unsubscribe_token(citizen.id),
    )


def sign_in(client, user):
    """Sign `client` in as `user` (None: signed out), as the login form would."""
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
