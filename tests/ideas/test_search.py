"""One search: the list, the map, the API and the moderation queue find the same ideas for the
same words (accents, case, Arabic letter variants and diacritics, titles and descriptions)."""

import re

import pytest
from sqlalchemy import func, select

from app.ideas import search
from app.ideas.models import Idea
from app.ideas.search import idea_terms, matching, normalise, query_words
from tests.factories import make_category, make_idea, make_user

CITY = (-7.80, 33.45, -7.35, 33.68)
# (title, description): every idea is created twice, published and pending.
IDEAS = (
    ("Rénover l'école du quartier", "Les salles de classe sont vétustes."),
    ("ECOLE DE MUSIQUE", "Un lieu pour répéter."),
    ("Écoles ouvertes le samedi", "Les cours de récréation pour tous."),
    ("Abri à l'arrêt de bus", "Une ombre pour attendre le TRAMWAY."),
    ("Café associatif", "Un lieu ouvert aux habitants du quartier."),
    ("مدرسة الحيّ", "ترميم المدرسة القديمة"),
    ("حديقة الأطفال", "مساحة خضراء للعب"),
    ("مـــدرســـة جديدة", "بناء قسم جديد"),
    ("Piste cyclable", "Ligne 7 jusqu'à la mer."),
)
QUERIES = (
    "ecole",
    "ÉCOLE",
    "Ecoles",
    "école quartier",
    "quartier",
    "tramway",
    "tram",
    "salles",
    "lieu ouvert",
    "cafe",
    "مدرسة",
    "المدرسه",
    "مَدْرَسَة",
    "اطفال",
    "حديقه",
    "7",
    "ligne 7",
    "nothing here",
    "%",
)


@pytest.fixture
def twins(db):
    """Published id -> pending twin id, for ideas with the same words."""
    category = make_category()
    author = make_user()
    pairs = {}
    for i, (title, description) in enumerate(IDEAS):
        point = {"lng": -7.62 + i * 0.001, "lat": 33.59}
        published = make_idea(title=title, description=description, category=category, author=author, **point)
        pending = make_idea(
            title=title, description=description, category=category, author=author, status="pending", **point
        )
        pairs[published.id] = pending.id
    db.session.commit()
    return pairs


def _by_words(q):
    wanted = query_words(q)
    return {
        title
        for title, description in IDEAS
        if all(any(t.startswith(w) for t in idea_terms(title, description)) for w in wanted)
    }


def _list(client, q):
    html = client.get("/ideas", query_string={"q": q}).get_data(as_text=True)
    found = {int(i) for i in re.findall(r'id="idea-(\d+)-title"', html)}
    # The count above the list is read from the word index: the same ideas.
    assert re.search(r'class="result-count"[^>]*>[^<]*?(\d+)</p>', html).group(1) == str(len(found))
    return found


def _map(client, q):
    bbox = ",".join(map(str, CITY))
    found = client.get("/api/v1/ideas.geojson", query_string={"bbox": bbox, "zoom": 13, "q": q}).get_json()
    assert not [f for f in found["features"] if f["properties"].get("cluster")]
    return {f["properties"]["id"] for f in found["features"]}


def _api(client, q):
    return {idea["id"] for idea in client.get("/api/v1/ideas", query_string={"q": q}).get_json()["ideas"]}


def _queue(client, q):
    html = client.get("/moderation", query_string={"q": q}).get_data(as_text=True)
    return {int(i) for i in re.findall(r'id="item-(\d+)"', html)}


# Common words are checked idea by idea, rarer ones read as a list of ids: both ways agree.
@pytest.mark.parametrize("common", [search.COMMON, 1], ids=["rare-words", "common-words"])
@pytest.mark.parametrize("q", QUERIES)
def test_the_list_the_map_the_api_and_the_queue_find_the_same_ideas(
    db, client, auth, twins, q, common, monkeypatch
):
    monkeypatch.setattr(search, "COMMON", common)
    listed, mapped, api = _list(client, q), _map(client, q), _api(client, q)
    auth.login(role="moderator")
    queued = {published for published, pending in twins.items() if pending in _queue(client, q)}
    assert listed == mapped == api == queued
    titles = {db.session.get(Idea, idea_id).title for idea_id in listed}
    assert titles == (_by_words(q) if query_words(q) else set())


def test_the_school_of_the_issue_is_found_without_its_accent_in_the_list(db, client, twins):
    titles = {db.session.get(Idea, idea_id).title for idea_id in _list(client, "ecole")}
    assert "Rénover l'école du quartier" in titles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rénover l'ÉCOLE", "renover l ecole"),
        ("مَدْرَسَةٌ", "مدرسه"),
        ("مـــدرســـة", "مدرسه"),
        ("أحمد إلى آخر", "احمد الي اخر"),
        ("٧ lignes", "7 lignes"),
        ("Straße", "strasse"),
    ],
)
def test_normalise_folds_case_accents_arabic_diacritics_and_tatweel(text, expected):
    assert normalise(text) == expected


def test_a_blank_search_filters_nothing_and_punctuation_alone_finds_nothing(db, twins):
    everything = db.session.scalar(select(func.count()).select_from(Idea))
    assert db.session.scalar(select(func.count()).select_from(Idea).where(matching("  "))) == everything
    assert db.session.scalar(select(func.count()).select_from(Idea).where(matching("%"))) == 0


def test_words_of_the_description_are_found_as_before(db, client, twins):
    assert len(_list(client, "vetustes")) == 1


def test_the_count_of_a_search_follows_the_category_and_district_filters(db, client, twins):
    other = make_category(slug="autre")
    make_idea(title="École de quartier", description="", category=other, lng=-7.6, lat=33.59)
    db.session.commit()
    everywhere = _list(client, "ecole")
    html = client.get("/ideas", query_string={"q": "ecole", "category": "autre"}).get_data(as_text=True)
    in_category = {int(i) for i in re.findall(r'id="idea-(\d+)-title"', html)}
    assert len(in_category) == 1 and in_category < everywhere
    assert re.search(r'class="result-count"[^>]*>[^<]*?(\d+)</p>', html).group(1) == "1"


@pytest.mark.parametrize("q", ["", "ecole", "ecol", "lieu"])
def test_past_the_cap_the_list_says_more_than_instead_of_counting_everything(
    db, client, twins, monkeypatch, q
):
    from app.ideas import queries

    monkeypatch.setattr(queries, "COUNT_CAP", 1)
    html = client.get("/ideas", query_string={"q": q, "lang": "en"}).get_data(as_text=True)
    assert "Ideas found: more than 1</p>" in html
    monkeypatch.setattr(queries, "COUNT_CAP", 1000)
    html = client.get("/ideas", query_string={"q": q, "lang": "en"}).get_data(as_text=True)
    assert "more than" not in html
