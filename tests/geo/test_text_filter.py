"""The map's text filter: substring of the title ignoring case and accents, exact through the
trigram index whoever writes the ideas (ORM, bulk statements, raw SQL, créathon import, moderation)."""

import random
from datetime import date

import pytest
from sqlalchemy import delete, text, update

from app.creathon import importer
from app.creathon.mapping import guess_mapping
from app.creathon.readers import read_table
from app.creathon.services import create_event
from app.extensions import db as _db
from app.geo import clustering
from app.geo.clustering import MapFilter, map_view
from app.geo.text import fold
from app.ideas.models import Idea
from app.moderation.services import approve_idea
from tests.creathon import files
from tests.factories import make_category, make_idea, make_user
from tests.geo.helpers import CITY

URL = "/api/v1/ideas.geojson"
TITLES = (
    "Un abri à l'arrêt de bus",
    "ARRÊT du tramway",
    "Arret minute",
    "Des bancs à l'ombre",
    "Éclairage de l'école",
    "Une fontaine près du café",
    "مقاعد في الظل",
    "Ombrière en été",
    "Piste 100% cyclable",
    "rue_1 piétonne",
    "rueX1 piétonne",
    "Chemin C:\\ancien",
)


def _found(db, q, bbox=CITY, zoom=12):
    view = map_view(db.session.connection(), bbox, zoom, MapFilter(q=q))
    assert not view.clusters
    return {idea.title for idea in db.session.query(Idea).filter(Idea.id.in_(view.idea_ids))}


def _titles_containing(q, titles=TITLES):
    return {t for t in titles if fold(q).lower() in fold(t).lower()}


@pytest.fixture
def titled(db):
    category = make_category()
    author = make_user()
    for i, title in enumerate(TITLES):
        make_idea(title=title, category=category, author=author, lng=-7.62 + i * 0.001, lat=33.59)
    return category


@pytest.mark.parametrize(
    ("q", "titles"),
    [
        ("arret", {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}),
        ("ARRÊT", {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}),
        ("ecole", {"Éclairage de l'école"}),
        ("cafe", {"Une fontaine près du café"}),
        ("ombre", {"Des bancs à l'ombre"}),
        ("ombri", {"Ombrière en été"}),
        ("الظل", {"مقاعد في الظل"}),
    ],
)
def test_a_text_search_ignores_case_and_accents(db, titled, q, titles):
    assert _found(db, q) == titles


@pytest.mark.parametrize("q", ["é", "E", "ar", "ÉT", "%", "_", "\\", "1", "ظ"])
def test_a_short_text_search_still_matches_substrings(db, titled, q):
    assert _found(db, q) == _titles_containing(q)


@pytest.mark.parametrize(
    ("q", "titles"),
    [
        ("e_1", {"rue_1 piétonne"}),
        ("100%", {"Piste 100% cyclable"}),
        ("0% c", {"Piste 100% cyclable"}),
        ("C:\\an", {"Chemin C:\\ancien"}),
        ('"', set()),
        ('rue" OR "bus', set()),
    ],
)
def test_sql_wildcards_and_quotes_in_a_text_search_are_plain_characters(db, titled, q, titles):
    assert _found(db, q) == titles


def test_the_api_finds_a_title_typed_without_its_accents(db, client, titled):
    db.session.commit()
    features = client.get(f"{URL}?bbox={','.join(map(str, CITY))}&zoom=12&q=arret").get_json(force=True)
    titles = {f["properties"]["title"] for f in features["features"]}
    assert titles == {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}


def test_the_text_search_follows_ideas_added_renamed_and_deleted_through_the_orm(db, titled):
    idea = make_idea(title="Kiosque à journaux", lng=-7.61, lat=33.59)
    assert _found(db, "kiosque") == {"Kiosque à journaux"}
    idea.title = "Banc public"
    db.session.flush()
    assert _found(db, "kiosque") == set()
    assert _found(db, "banc publ") == {"Banc public"}
    db.session.delete(idea)
    db.session.flush()
    assert _found(db, "banc publ") == set()


def test_the_text_search_follows_bulk_statements_and_raw_sql(db, titled):
    db.session.execute(update(Idea).where(Idea.title == "Arret minute").values(title="Zone de livraison"))
    assert _found(db, "arret") == {"Un abri à l'arrêt de bus", "ARRÊT du tramway"}
    assert _found(db, "livraison") == {"Zone de livraison"}
    db.session.execute(
        text("UPDATE ideas SET title = :new WHERE title = :old"),
        {"new": "Abri vélo sécurisé", "old": "Zone de livraison"},
    )
    assert _found(db, "velo secur") == {"Abri vélo sécurisé"}
    db.session.execute(delete(Idea).where(Idea.title == "Abri vélo sécurisé"))
    assert _found(db, "velo") == set()


def test_ideas_imported_from_a_creathon_are_found_by_their_title(db, app):
    make_category(slug="mobilite", fr="Mobilité", ar="التنقل", en="Mobility")
    event = create_event(
        None,
        "creathon-texte",
        kind="creathon",
        title="Créathon",
        start_date=date(2018, 4, 20),
        theme="mobility",
        publish_directly=True,
    )
    data = files.excel_french_csv()
    table = read_table(data, "outcomes.csv")
    with app.test_request_context("/?lang=en"):
        importer.import_rows(
            event,
            table.rows,
            guess_mapping(table.header),
            filename="outcomes.csv",
            data=data,
            header=table.header,
        )
    db.session.flush()
    assert _found(db, "temps reel", bbox=(-7.7, 33.5, -7.5, 33.7)) == {"Parking libre en temps réel"}


def test_an_idea_approved_by_a_moderator_becomes_findable(db, titled):
    moderator = make_user(role="moderator")
    idea = make_idea(title="Toilettes publiques", status="pending", lng=-7.61, lat=33.59)
    assert _found(db, "toilettes") == set()
    approve_idea(idea, moderator, idea.updated_at)
    db.session.flush()
    assert _found(db, "toilettes") == {"Toilettes publiques"}


def _inside(idea_id, bbox):
    idea = _db.session.get(Idea, idea_id)
    return bbox[0] <= idea.lng <= bbox[2] and bbox[1] <= idea.lat <= bbox[3]


@pytest.mark.parametrize("scan_from", [10, 20_000])
@pytest.mark.parametrize("zoom", [11, 15])
def test_text_search_clusters_count_exactly_the_matching_ideas(db, monkeypatch, zoom, scan_from):
    monkeypatch.setattr(clustering, "MAX_FEATURES", 25)
    monkeypatch.setattr(clustering, "TABLE_SCAN_FROM", scan_from)
    rng = random.Random(3)
    category, author = make_category(), make_user()
    titles = {}
    for i in range(300):
        title = f"{rng.choice(TITLES)} {i}"
        lng, lat = rng.gauss(-7.62, 0.01), rng.gauss(33.59, 0.008)
        titles[make_idea(title=title, category=category, author=author, lng=lng, lat=lat).id] = title
    bbox = (-7.64, 33.575, -7.60, 33.605) if zoom == 15 else CITY
    for q in ("arret", "ombre", "e", "é 1"):
        view = map_view(db.session.connection(), bbox, zoom, MapFilter(q=q))
        wanted = {i for i, t in titles.items() if fold(q).lower() in fold(t).lower() and _inside(i, bbox)}
        assert sum(c.count for c in view.clusters) + len(view.idea_ids) == len(wanted)
        assert set(view.idea_ids) <= wanted


def test_the_title_index_is_in_place_at_the_head_of_the_migrations(db):
    # SQLite batch migrations rebuild a table without its triggers: a later migration that
    # alters ideas must create them again, or the text filter would stop seeing new titles.
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        found = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        assert {"ideas_fts_after_insert", "ideas_fts_after_update", "ideas_fts_after_delete"} <= set(found)
    else:
        found = connection.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'ideas'"))
        found = found.scalars()
        assert "ix_ideas_title_trgm" in set(found)
