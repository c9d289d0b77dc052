"""What residents meet in the lists and on an idea page: the city's answer on cards and a filter
by answer, photo thumbnails, a way back from a page past the end, sharing only what others can
open, "My ideas" as cards, user text carrying its language."""

import io
import re

from PIL import Image

from app.extensions import db as _db
from app.ideas import photos
from tests.factories import make_category, make_idea, make_user


def _titles(page):
    return re.findall(r'<h2 id="idea-\d+-title" lang="\w+" dir="auto"><a href="/ideas/\d+">([^<]+)</a>', page)


def test_cards_show_the_city_answer_and_the_list_filters_by_it(client, db):
    make_idea(title="Shelter at the stop", public_status="planned")
    make_idea(title="Benches by the market", public_status="done")
    make_idea(title="Trees on the avenue")
    _db.session.commit()
    page = client.get("/ideas?lang=en").get_data(as_text=True)
    assert page.count('<p class="city-answer ') == 2
    assert re.search(r"City(&#39;|')s answer:</span> <strong>Planned</strong>", page)
    assert _titles(client.get("/ideas?answer=planned").get_data(as_text=True)) == ["Shelter at the stop"]
    assert _titles(client.get("/ideas?answer=none").get_data(as_text=True)) == ["Trees on the avenue"]
    everything = client.get("/ideas?answer=nonsense").get_data(as_text=True)
    assert len(_titles(everything)) == 3 and "Ideas found: 3" in everything


def test_answer_filter_counts_right_when_searching_too(client, db):
    make_idea(title="Shelter near school", public_status="planned")
    make_idea(title="Shelter near park")
    _db.session.commit()
    page = client.get("/ideas?lang=en&q=shelter&answer=planned").get_data(as_text=True)
    assert "Ideas found: 1" in page and _titles(page) == ["Shelter near school"]


def test_cards_of_ideas_with_a_photo_show_a_small_thumbnail(app, client, db):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), (10, 120, 90)).save(buffer, "JPEG")
    name = photos.store_photo(app.config["UPLOAD_DIR"], photos.Photo(buffer.getvalue(), "jpg"))
    idea = make_idea(title="With a photo", photo=name)
    hidden = make_idea(title="Pending with a photo", photo=name, status="pending")
    _db.session.commit()
    page = client.get("/ideas").get_data(as_text=True)
    assert f'src="/ideas/{idea.id}/thumbnail"' in page
    response = client.get(f"/ideas/{idea.id}/thumbnail")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    with Image.open(io.BytesIO(response.data)) as thumb:
        assert max(thumb.size) == photos.THUMB_SIDE
    assert client.get(f"/ideas/{hidden.id}/thumbnail").status_code == 404
    photos.remove_photo(app.config["UPLOAD_DIR"], name)
    assert not (app.config["UPLOAD_DIR"] / "thumbs" / name).exists()


def test_a_page_past_the_end_says_so_and_links_to_the_last_page(client, db):
    category = make_category()
    for n in range(25):
        make_idea(title=f"Idea number {n}", category=category)
    _db.session.commit()
    page = client.get("/ideas?lang=en&page=3").get_data(as_text=True)
    assert "No idea matches these filters yet." not in page
    assert "This page is past the end of the list." in page
    assert re.search(r'href="/ideas\?[^"]*page=2[^"]*">Go to the last page \(page 2\)</a>', page)
    assert "No idea matches" in client.get("/ideas?lang=en&q=zzzz").get_data(as_text=True)


def test_only_published_ideas_are_offered_for_sharing(client, db, auth):
    author = auth.login()
    published = make_idea(author=author, title="Shade please")
    pending = make_idea(author=author, status="pending")
    rejected = make_idea(author=author, status="rejected")
    _db.session.commit()
    page = client.get(f"/ideas/{published.id}?lang=en").get_data(as_text=True)
    assert "Share this idea" in page
    assert 'href="https://wa.me/?text=Shade%20please%20http' in page
    assert "js/share.js" in page and "wa.me/" in page and '<script src="https://' not in page
    for idea in (pending, rejected):
        assert "Share this idea" not in client.get(f"/ideas/{idea.id}?lang=en").get_data(as_text=True)


def test_my_ideas_are_cards_not_a_table(client, db, auth):
    author = auth.login()
    make_idea(author=author, title="مقعد في الظل", language="ar")
    _db.session.commit()
    page = client.get("/ideas/mine?lang=en").get_data(as_text=True)
    assert "<table" not in page and 'class="idea-list mine-list"' in page
    assert 'lang="ar" dir="auto"><a href="/ideas/' in page


def test_titles_inside_button_and_link_names_keep_their_language(client, db, auth):
    author = auth.login()
    make_idea(author=author, title="Des bancs (place)", language="fr", status="pending")
    make_idea(title="إنارة الممر", language="ar")
    _db.session.commit()
    mine = client.get("/ideas/mine?lang=ar").get_data(as_text=True)
    assert '<span class="visually-hidden"> <bdi lang="fr">Des bancs (place)</bdi></span>' in mine
    listed = client.get("/ideas?lang=fr").get_data(as_text=True)
    assert '<span class="visually-hidden">: <bdi lang="ar">إنارة الممر</bdi></span>' in listed


def test_list_cards_declare_the_language_of_their_text(client, db):
    make_idea(title="Des bancs à l'ombre", language="fr")
    make_idea(title="إنارة الممر", language="ar")
    _db.session.commit()
    page = client.get("/ideas?lang=ar").get_data(as_text=True)
    assert re.search(r'lang="fr" dir="auto"><a href="/ideas/\d+">Des bancs', page)
    assert re.search(r'lang="ar" dir="auto"><a href="/ideas/\d+">إنارة', page)


def test_the_similar_ideas_step_counts_supports_in_the_right_plural(client, db, auth):
    from app.votes import services as votes

    category = make_category()
    existing = make_idea(title="Un abri à l'arrêt de bus", lat=33.5652, lng=-7.6302, category=category)
    votes.cast_vote(make_user(), existing)
    _db.session.commit()
    auth.login()
    from tests.ideas.helpers import proposal

    page = client.post("/ideas/new?lang=fr", data=proposal(category)).get_data(as_text=True)
    assert "1 soutien<" in page or "1 soutien\n" in page or "· 1 soutien" in page
    assert "1 soutiens" not in page
