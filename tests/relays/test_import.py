"""A spreadsheet of typed-in paper forms: preview with row errors, all or nothing, by relays
and facilitators, through the créathon importer's reader and rules."""

import io
import re

from sqlalchemy import select

from app.extensions import db
from app.ideas.models import Idea
from app.relays.batches import create_batch
from app.relays.models import AssistedIdea
from tests.factories import make_user


def _csv(*lines):
    header = "code;habitant;titre;description;catégorie;lieu;téléphone;email;accord;langue"
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def _upload(client, data, organisation="Association Anfa Solidaire"):
    response = client.post(
        "/relays/import",
        data={"file": (io.BytesIO(data), "formulaires.csv"), "organisation": organisation},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.location


def test_a_clean_file_is_previewed_then_imported(client, auth, relay, district, category):
    batch = create_batch(relay.user, district)
    db.session.commit()
    auth.login_as(relay.user)
    data = _csv(
        f"{batch.code};M. B.;Un abri bus;Attente au soleil sans abri.;Mobilité;Marché;0612345678;;oui;ar",
        f"{batch.code};K. T.;Des bancs;Aucun banc pour les anciens.;mobilite;Jardin;;k@example.org;x;fr",
    )
    preview_url = _upload(client, data)
    page = client.get(preview_url).get_data(as_text=True)
    assert "2 to create" in page and "Un abri bus" in page
    assert db.session.scalar(select(Idea)) is None  # the preview writes nothing
    token = preview_url.split("/")[-1].split("?")[0]
    token_page = client.post(preview_url, data={"token": token, "organisation": "x"})
    assert token_page.status_code == 302
    rows = db.session.scalars(select(AssistedIdea).order_by(AssistedIdea.idea_id)).all()
    assert [r.resident_name for r in rows] == ["M. B.", "K. T."]
    assert rows[0].phone == "+212612345678" and rows[0].language == "ar" and rows[0].batch_id == batch.id
    assert rows[1].email == "k@example.org"
    assert all(r.idea.channel == "paper" and r.idea.district_id == district.id for r in rows)


def test_rows_in_error_are_listed_and_nothing_is_imported(client, auth, relay, district, category):
    batch = create_batch(relay.user, district)
    db.session.commit()
    auth.login_as(relay.user)
    data = _csv(
        f"{batch.code};M. B.;Un abri bus;Les gens attendent au soleil.;Mobilité;Marché;0612345678;;oui;fr",
        f"{batch.code};K. T.;Des bancs;Aucun banc.;Mobilité;Jardin;12;;oui;fr",
        f"{batch.code};L. M.;Sans accord;Texte de la description.;Mobilité;Rue;;;non;fr",
        "ZZZ-0001;N. O.;Code inconnu;Texte de la description.;Mobilité;Rue;;;oui;fr",
    )
    preview_url = _upload(client, data)
    page = client.get(preview_url).get_data(as_text=True)
    assert "3 in error" in page
    assert "is not a valid phone number" in page
    assert "nothing is recorded without it" in page
    assert "No paper form has the code" in page
    token = re.search(r"/relays/import/([^?]+)", preview_url).group(1)
    response = client.post(preview_url, data={"token": token, "organisation": "x"})
    assert response.status_code == 400
    assert db.session.scalar(select(Idea)) is None


def test_citizens_cannot_import_but_facilitators_can(client, auth, district, category):
    auth.login()
    assert client.get("/relays/import").status_code == 403
    facilitator = make_user(role="facilitator")
    db.session.commit()
    auth.login_as(facilitator)
    data = _csv(";M. B.;Un abri bus;Les gens attendent au soleil.;Mobilité;Anfa;;;oui;fr")
    preview_url = _upload(client, data, organisation="Maison des jeunes")
    client.post(preview_url, data={"token": preview_url.split("/")[-1].split("?")[0], "organisation": "x"})
    assisted = db.session.scalar(select(AssistedIdea))
    assert assisted.organisation == "Maison des jeunes" and assisted.idea.district_id == district.id


def test_a_file_that_cannot_be_read_is_refused(client, auth, relay):
    db.session.commit()
    auth.login_as(relay.user)
    response = client.post(
        "/relays/import",
        data={"file": (io.BytesIO(b""), "empty.csv"), "organisation": "A"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


def test_a_too_long_organisation_or_a_lost_upload_is_told_not_failed(client, auth, district):
    facilitator = make_user(role="facilitator")
    db.session.commit()
    auth.login_as(facilitator)
    data = _csv(";M. B.;Un abri bus;Texte.;Mobilité;Anfa;;;oui;fr")
    response = client.post(
        "/relays/import",
        data={"file": (io.BytesIO(data), "f.csv"), "organisation": "O" * 300},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    preview_url = _upload(client, data)
    response = client.get(re.sub(r"organisation=[^&]*", "organisation=" + "O" * 300, preview_url))
    assert response.status_code == 302 and response.location.endswith("/relays/import")
    response = client.get("/relays/import/not-a-token?organisation=Maison", follow_redirects=True)
    assert "This upload has expired" in response.get_data(as_text=True)


def test_a_marked_point_places_the_form_and_must_lie_in_its_district(client, auth, relay, district, category):
    batch = create_batch(relay.user, district)
    db.session.commit()
    auth.login_as(relay.user)
    header = "code;habitant;titre;description;catégorie;latitude;longitude;accord"
    inside = f"{batch.code};M. B.;Un abri bus;Les gens attendent au soleil.;Mobilité;33.59;-7.645;oui"
    outside = f"{batch.code};K. T.;Des bancs;Aucun banc pour les anciens.;Mobilité;33.57;-7.60;oui"
    preview_url = _upload(client, "\n".join([header, inside, outside, ""]).encode("utf-8"))
    page = client.get(preview_url).get_data(as_text=True)
    assert "1 in error" in page and "This point is outside the form's district" in page
    preview_url = _upload(client, "\n".join([header, inside, ""]).encode("utf-8"))
    token = re.search(r"/relays/import/([^?]+)", preview_url).group(1)
    assert client.post(preview_url, data={"token": token, "organisation": "x"}).status_code == 302
    idea = db.session.scalar(select(Idea))
    assert (idea.lat, idea.lng, idea.approximate, idea.district_id) == (33.59, -7.645, False, district.id)
