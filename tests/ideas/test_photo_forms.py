"""A photo too large for the site comes back as the form with its fields and a clear message; a
valid photo survives every step that sends an idea form back (similar ideas, a field to correct,
when proposing and when editing), held until the form is sent again and never left behind."""

import io
import os
import time

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
    assert "choisissez de nouveau une photo" in page
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


def _edit_form(idea, **fields):
    data = proposal(idea.category, title="Un abri ombragé pour l'arrêt de bus")
    data.update(fields)
    return data


def test_editing_keeps_a_new_photo_through_a_field_to_correct_and_replaces_the_old_one(app, client, db, auth):
    user = auth.login()
    idea = make_idea(author=user, status="pending", title="Un abri pour l'arrêt de bus")
    old = app.config["UPLOAD_DIR"] / "old.jpg"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(_jpeg())
    idea.photo = "old.jpg"
    db.session.commit()
    form = _edit_form(idea, description="Trop court")
    form["photo"] = (io.BytesIO(_jpeg((400, 300))), "nouvelle.jpg")
    first = client.post(f"/ideas/{idea.id}/edit?lang=en", data=form, content_type="multipart/form-data")
    page = first.get_data(as_text=True)
    assert first.status_code == 400
    assert "Your new photo is kept and will replace the current one when you save." in page
    assert len(_held(app)) == 1
    second = client.post(f"/ideas/{idea.id}/edit", data=_edit_form(idea))
    assert second.status_code == 302
    db.session.refresh(idea)
    assert idea.photo != "old.jpg" and not old.exists()
    assert [p.name for p in _stored(app)] == [idea.photo] and _held(app) == []
    with Image.open(app.config["UPLOAD_DIR"] / idea.photo) as stored:
        assert stored.size == (400, 300)


def test_a_photo_held_for_one_idea_is_not_given_to_another_form(app, client, db, auth):
    user = auth.login()
    idea = make_idea(author=user, status="pending")
    db.session.commit()
    form = _edit_form(idea, title="")
    form["photo"] = (io.BytesIO(_jpeg()), "photo.jpg")
    client.post(f"/ideas/{idea.id}/edit", data=form, content_type="multipart/form-data")
    assert len(_held(app)) == 1
    page = client.post("/ideas/new?lang=en", data=proposal(idea.category, title="")).get_data(as_text=True)
    assert "Your photo is kept" not in page and _held(app) == []
    assert client.post("/ideas/new", data=proposal(idea.category)).status_code == 302
    assert db.session.scalar(select(Idea).where(Idea.id != idea.id)).photo is None


def test_a_refused_photo_lets_go_of_the_held_one_and_says_to_choose_again(app, client, db, auth):
    category = make_category()
    auth.login()
    form = proposal(category, title="")
    form["photo"] = (io.BytesIO(_jpeg()), "photo.jpg")
    client.post("/ideas/new", data=form, content_type="multipart/form-data")
    assert len(_held(app)) == 1
    form = proposal(category, title="")
    form["photo"] = (io.BytesIO(b"not a photo at all"), "photo.jpg")
    page = client.post("/ideas/new?lang=ar", data=form, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "اختر صورة من جديد" in page and "photo-held" not in page
    assert _held(app) == []
    assert client.post("/ideas/new", data=proposal(category)).status_code == 302
    assert db.session.scalar(select(Idea)).photo is None and _stored(app) == []


def test_opening_the_edit_form_again_discards_a_held_photo(app, client, db, auth):
    user = auth.login()
    idea = make_idea(author=user, status="pending")
    db.session.commit()
    form = _edit_form(idea, title="")
    form["photo"] = (io.BytesIO(_jpeg()), "photo.jpg")
    client.post(f"/ideas/{idea.id}/edit", data=form, content_type="multipart/form-data")
    assert len(_held(app)) == 1
    assert client.get(f"/ideas/{idea.id}/edit").status_code == 200
    assert _held(app) == []


def test_the_daily_sweep_removes_photos_held_for_forms_never_sent_again(app):
    from app.ideas import photos

    upload_dir = app.config["UPLOAD_DIR"]
    old = photos.hold_photo(upload_dir, photos.Photo(b"x", "jpg"))
    os.utime(upload_dir / "held" / old, (0, 0))
    fresh = photos.hold_photo(upload_dir, photos.Photo(b"y", "jpg"))
    os.utime(upload_dir / "held" / fresh, (time.time() - 3600, time.time() - 3600))
    # hold_photo swept the first already; make another stale one for the scheduled sweep.
    stale = photos.hold_photo(upload_dir, photos.Photo(b"z", "jpg"))
    os.utime(upload_dir / "held" / stale, (time.time() - 25 * 3600,) * 2)
    app.extensions["jobs"].scheduled["purge_held_photos"]()
    assert [p.name for p in _held(app)] == [fresh]


def test_an_expired_form_comes_back_with_its_text_and_asks_for_the_photo_again(app, client, db, auth):
    category = make_category()
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = True
    form = proposal(category, csrf_token="from-an-old-session")
    form["photo"] = (io.BytesIO(_jpeg()), "photo.jpg")
    response = client.post("/ideas/new?lang=fr", data=form, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Ce formulaire avait expiré. Vérifiez-le et envoyez-le de nouveau." in page
    assert "Choisissez de nouveau votre photo avant d’envoyer." in page
    assert 'value="Un abri pour l&#39;arrêt de bus"' in page and 'value="33.5650"' in page
    assert "CSRF" not in page
    # Nothing is saved or held from a request that failed the check; the page has a fresh token.
    assert db.session.scalar(select(Idea)) is None and _held(app) == [] and _stored(app) == []
    assert 'name="csrf_token" type="hidden" value="' in page


def test_an_expired_edit_of_someone_elses_idea_shows_nothing_of_it(app, client, db, auth):
    idea = make_idea(status="pending", title="Une idée d'un autre")
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/ideas/{idea.id}/edit?lang=en", data=_edit_form(idea, csrf_token="x"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "This form has expired." in page
    assert "idea-form" not in page and "had expired" not in page


def test_other_ideas_forms_say_they_expired(app, client, db, auth):
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/account/district?lang=en", data={"district": ""})
    assert response.status_code == 400
    assert "This form has expired. Reload the page and try again." in response.get_data(as_text=True)
