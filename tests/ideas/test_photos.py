"""Photos: verified, re-encoded without EXIF (GPS included), resized, refused cleanly."""

import io

from PIL import ExifTags, Image
from sqlalchemy import func, select

from app.ideas import photos
from app.ideas.models import Idea
from tests.factories import make_category
from tests.ideas.helpers import proposal


def _jpeg_with_gps(size=(2400, 1200)):
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (33.0, 34.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (7.0, 35.0, 21.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture has GPS
    return data


def _png(size=(64, 64), mode="RGBA"):
    buffer = io.BytesIO()
    Image.new(mode, size, (0, 100, 0, 128) if mode == "RGBA" else 0).save(buffer, "PNG")
    return buffer.getvalue()


def _post(client, category, data, filename="photo.jpg"):
    form = proposal(category)
    form["photo"] = (io.BytesIO(data), filename)
    return client.post("/ideas/new?lang=en", data=form, content_type="multipart/form-data")


def _uploads(app):
    folder = app.config["UPLOAD_DIR"]
    return sorted(folder.iterdir()) if folder.exists() else []


def test_photo_is_resized_reencoded_and_stripped_of_gps(app, client, db, auth):
    category = make_category()
    auth.login()
    assert _post(client, category, _jpeg_with_gps()).status_code == 302
    idea = db.session.scalar(select(Idea))
    [stored] = _uploads(app)
    assert stored.name == idea.photo and stored.suffix == ".jpg" and len(stored.stem) >= 30
    data = stored.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 1600 and image.size == (1600, 800)
        assert len(image.getexif()) == 0
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info
    assert b"Exif" not in data and b"PhoneMaker" not in data


def test_photo_is_served_with_its_content_type(app, client, db, auth):
    category = make_category()
    auth.login()
    _post(client, category, _png(), "leaf.png")
    idea = db.session.scalar(select(Idea))
    assert idea.photo.endswith(".webp")
    response = client.get(f"/ideas/{idea.id}/photo")
    assert response.status_code == 200
    assert response.mimetype == "image/webp"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pending_idea_photo_is_hidden_from_visitors(app, client, db, auth):
    category = make_category()
    auth.login()
    _post(client, category, _png(), "leaf.png")
    idea = db.session.scalar(select(Idea))
    auth.logout()
    assert client.get(f"/ideas/{idea.id}/photo").status_code == 404


def _cache_directives(response):
    return {part.strip() for part in response.headers["Cache-Control"].split(",")}


def test_photo_of_an_idea_not_published_is_never_stored_by_a_cache(app, client, db, auth):
    category = make_category()
    auth.login()
    _post(client, category, _png(), "leaf.png")
    idea = db.session.scalar(select(Idea))
    response = client.get(f"/ideas/{idea.id}/photo")  # its author, while it waits for a moderator
    assert response.status_code == 200
    assert {"private", "no-store"} <= _cache_directives(response)
    assert "public" not in _cache_directives(response) and "Expires" not in response.headers
    auth.login(role="moderator")
    for path in (f"/ideas/{idea.id}/photo", f"/moderation/ideas/{idea.id}/photo"):
        response = client.get(path)
        assert response.status_code == 200
        assert {"private", "no-store"} <= _cache_directives(response), path


def test_photo_of_a_published_idea_may_be_cached_by_everyone(app, client, db, auth):
    category = make_category()
    auth.login()
    _post(client, category, _png(), "leaf.png")
    idea = db.session.scalar(select(Idea))
    idea.status = "published"
    db.session.commit()
    auth.logout()
    response = client.get(f"/ideas/{idea.id}/photo")
    assert response.status_code == 200
    assert {"public", "max-age=86400"} <= _cache_directives(response)


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_written(app, client, db, auth):
    category = make_category()
    auth.login()
    response = _post(client, category, b"<?php echo 'hello'; ?>" * 50, "photo.jpg")
    assert response.status_code == 400
    assert "not a valid JPEG, PNG or WebP image" in response.get_data(as_text=True)
    assert _uploads(app) == []
    assert db.session.scalar(select(func.count(Idea.id))) == 0


def test_other_image_formats_are_refused(app, client, db, auth):
    category = make_category()
    auth.login()
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "GIF")
    response = _post(client, category, buffer.getvalue(), "anim.gif")
    assert response.status_code == 400
    assert "Only JPEG, PNG and WebP photos are accepted." in response.get_data(as_text=True)
    assert _uploads(app) == []


def test_decompression_bombs_are_refused(app, client, db, auth, monkeypatch):
    category = make_category()
    auth.login()
    monkeypatch.setattr(photos, "MAX_PIXELS", 5000)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)
    # Just over the limit (Pillow's warning zone) and far over it (Pillow's error zone).
    for size in ((80, 80), (400, 400)):
        response = _post(client, category, _png(size, "L"), "bomb.png")
        assert response.status_code == 400
        assert "too many pixels" in response.get_data(as_text=True)
    assert _uploads(app) == []
    assert db.session.scalar(select(func.count(Idea.id))) == 0


def test_files_over_5_mb_are_refused(app, client, db, auth, monkeypatch):
    category = make_category()
    auth.login()
    monkeypatch.setattr(photos, "MAX_BYTES", 1000)
    response = _post(client, category, _jpeg_with_gps((300, 300)))
    assert response.status_code == 400
    assert "5 MB or smaller" in response.get_data(as_text=True)
    assert _uploads(app) == []


def test_a_valid_photo_on_a_failed_form_is_only_held_for_the_next_try(app, client, db, auth):
    category = make_category()
    auth.login()
    form = proposal(category, title="")
    form["photo"] = (io.BytesIO(_jpeg_with_gps((200, 100))), "photo.jpg")
    response = client.post("/ideas/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert [path.name for path in _uploads(app)] == ["held"]


def test_the_file_is_removed_when_the_transaction_fails(app, client, db, auth, monkeypatch):
    from app.ideas.views import propose as propose_views

    category = make_category()
    auth.login()

    def failing_commit():
        raise RuntimeError("database went away")

    monkeypatch.setattr(propose_views.db.session, "commit", failing_commit)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = _post(client, category, _jpeg_with_gps((200, 100)))
    assert response.status_code == 500
    assert _uploads(app) == []


def test_replacing_the_photo_of_a_pending_idea_removes_the_old_file(app, client, db, auth):
    category = make_category()
    auth.login()
    _post(client, category, _png(), "first.png")
    idea = db.session.scalar(select(Idea))
    [first] = _uploads(app)
    form = proposal(category)
    form["photo"] = (io.BytesIO(_jpeg_with_gps((300, 200))), "second.jpg")
    response = client.post(f"/ideas/{idea.id}/edit", data=form, content_type="multipart/form-data")
    assert response.status_code == 302
    [second] = _uploads(app)
    assert second != first and second.suffix == ".jpg"
    response = client.post(f"/ideas/{idea.id}/edit", data=proposal(category, remove_photo="y"))
    assert response.status_code == 302
    assert _uploads(app) == []
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).photo is None
