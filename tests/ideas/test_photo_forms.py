"""A photo too large for the site comes back as the form with its fields and a clear message, and
a valid photo survives the step that shows similar ideas (held until the form is sent again)."""

import io
import os

from PIL import Image
from sqlalchemy import select

from app.ideas.models import Idea
from tests.factories import make_category, make_idea
from tests.ideas.helpers import proposal


def _jpeg(size=(300, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def _held(app):
    folder = app.config["UPLOAD_DIR"] / "held"
    return sorted(folder.iterdir()) if folder.exists() else []


def _stored(app):
    folder = app.config["UPLOAD_DIR"]
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def test_a_16_mb_phone_photo_gives_the_form_back_with_its_fields_and_the_limit(app, client, db, auth):
    category = make_category()
    auth.login()
    form = proposal(category, title="Un banc devant l'école", place_label="Devant l'école Al Amal")
    form["photo"] = (io.BytesIO(os.urandom(16 * 1024 * 1024)), "IMG_2041.jpg")
    response = client.post("/ideas/new?lang=fr", data=form, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "La photo ne doit pas dépasser 5 Mo." in page
    assert 'value="Un banc devant l&#39;école"' in page
    assert "Les gens attendent en plein soleil" in page
    assert 'value="33.5650"' in page and 'value="-7.6300"' in page
    assert db.session.scalar(select(Idea)) is None
    assert _stored(app) == [] and _held(app) == []


def test_a_request_above_the_photo_form_limit_is_still_refused(app, client, db, auth):
    category = make_category()
    auth.login()
    app.config["PHOTO_FORM_MAX_LENGTH"] = 2 * 1024 * 1024
    form = proposal(category)
    form["photo"] = (io.BytesIO(os.urandom(3 * 1024 * 1024)), "big.jpg")
    response = client.post("/ideas/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 413


def test_other_forms_keep_the_general_request_limit(app, client, db):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = client.post(
        "/register",
        data={"email": "a@example.org", "file": (io.BytesIO(os.urandom(2 * 1024 * 1024)), "x.bin")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413


def test_the_photo_survives_the_similar_ideas_step_and_is_stored_once(app, client, db, auth):
    category = make_category()
    make_idea(title="Un abri à l'arrêt de bus", lat=33.5652, lng=-7.6302, category=category)
    auth.login()
    form = proposal(category)
    form["photo"] = (io.BytesIO(_jpeg()), "abri.jpg")
    first = client.post("/ideas/new?lang=en", data=form, content_type="multipart/form-data")
    page = first.get_data(as_text=True)
    assert first.status_code == 200 and "Is your idea already here?" in page
    assert "Your photo is kept and will be sent with your idea." in page
    assert len(_held(app)) == 1 and _stored(app) == []
    second = client.post("/ideas/new", data=proposal(category, confirmed="1"))
    assert second.status_code == 302
    idea = db.session.scalar(select(Idea).where(Idea.title == "Un abri pour l'arrêt de bus"))
    assert idea.photo and [p.name for p in _stored(app)] == [idea.photo]
    assert _held(app) == []


def test_a_photo_sent_with_a_field_to_correct_is_kept_for_the_next_try(app, client, db, auth):
    category = make_category()
    auth.login()
    form = proposal(category, title="")
    form["photo"] = (io.BytesIO(_jpeg()), "photo.jpg")
    assert client.post("/ideas/new", data=form, content_type="multipart/form-data").status_code == 400
    assert len(_held(app)) == 1
    assert client.post("/ideas/new", data=proposal(category)).status_code == 302
    assert db.session.scalar(select(Idea)).photo and _held(app) == []


def test_starting_a_new_proposal_discards_a_photo_held_from_an_abandoned_one(app, client, db, auth):
    category = make_category()
    auth.login()
    form = proposal(category, title="")
    form["photo"] = (io.BytesIO(_jpeg()), "photo.jpg")
    client.post("/ideas/new", data=form, content_type="multipart/form-data")
    assert len(_held(app)) == 1
    client.get("/ideas/new")
    assert _held(app) == []


def test_held_photos_older_than_a_day_are_removed(app, tmp_path):
    from app.ideas import photos

    old = photos.hold_photo(tmp_path, photos.Photo(b"x", "jpg"))
    stale = tmp_path / "held" / old
    os.utime(stale, (0, 0))
    fresh = photos.hold_photo(tmp_path, photos.Photo(b"y", "jpg"))
    assert [p.name for p in (tmp_path / "held").iterdir()] == [fresh]
    assert photos.take_held_photo(tmp_path, "../../etc/passwd") is None


def test_the_photo_field_accepts_images_and_carries_the_browser_limit(client, db, auth):
    auth.login()
    page = client.get("/ideas/new").get_data(as_text=True)
    assert 'accept="image/*"' in page and f'data-photo-max="{5 * 1024 * 1024}"' in page
    assert "js/photo.js" in page
