"""The map's text filter: every word typed starts a word of the title, case, accents and Arabic
letter variants aside, exact through the title-word index whoever writes the ideas."""

import random
from datetime import date

import pytest
from flask import current_app
from sqlalchemy import delete, select, text, update

from app.creathon import importer
from app.creathon.mapping import guess_mapping
from app.creathon.readers import read_table
from app.creathon.services import create_event
from app.extensions import db as _db
from app.geometry.polygons import service_area
from app.ideas.models import UNPLACED_KEY, Idea, IdeaTerm
from app.ideas.search_index import rebuild_terms, verify_terms
from app.mapindex import queries as map_queries
from app.mapindex.queries import MapFilter, map_view
from app.moderation.services import approve_idea
from tests.creathon import files
from tests.creathon.files import first_category_options
from tests.factories import make_category, make_idea, make_user
from tests.mapindex.helpers import CITY, title_has_words

URL = "/api/v1/ideas.geojson"
TITLES = (
    "Un abri à l'arrêt de bus",
    "ARRÊT du tramway",
    "Arret minute",
    "Des bancs à l'ombre",
    "Éclairage de l'école",
    "Une fontaine près du café",
    "مقاعد في الظل",
    "حديقة الأطفال",
    "Ombrière en été",
    "Piste 100% cyclable",
    "rue_1 piétonne",
    "Chemin C:\\ancien",
)


def _found(db, q, bbox=CITY, zoom=12):
    view = map_view(db.session.connection(), bbox, zoom, MapFilter(q=q))
    assert not view.clusters
    return {idea.title for idea in db.session.query(Idea).filter(Idea.id.in_(view.idea_ids))}


@pytest.fixture
def titled(db):
    category = make_category()
    author = make_user()
    for i, title in enumerate(TITLES):
        make_idea(
            title=title, description="", category=category, author=author, lng=-7.62 + i * 0.001, lat=33.59
        )
    return category


@pytest.mark.parametrize(
    ("q", "titles"),
    [
        ("arret", {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}),
        ("ARRÊT", {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}),
        ("l'arrêt", {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}),
        ("ecole", {"Éclairage de l'école"}),
        ("cafe", {"Une fontaine près du café"}),
        ("ombre", {"Des bancs à l'ombre"}),
        ("ombr", {"Des bancs à l'ombre", "Ombrière en été"}),
        ("ombri", {"Ombrière en été"}),
        ("bus arr", {"Un abri à l'arrêt de bus"}),
        ("arret tram", {"ARRÊT du tramway"}),
        ("100", {"Piste 100% cyclable"}),
        ("الظل", {"مقاعد في الظل"}),
        ("ظل", {"مقاعد في الظل"}),
        ("اطفال", {"حديقة الأطفال"}),
        ("حديقه", {"حديقة الأطفال"}),
    ],
)
def test_a_search_finds_titles_with_words_starting_with_each_word_typed(db, titled, q, titles):
    assert _found(db, q) == titles


@pytest.mark.parametrize("q", ["é", "E", "ar", "ÉT", "1", "ظ", "c"])
def test_a_short_search_matches_the_starts_of_words(db, titled, q):
    assert _found(db, q) == {t for t in TITLES if title_has_words(t, q)}
    assert _found(db, q)


@pytest.mark.parametrize("q", ["ombre tram", "bre", "amway", "%", "_", "\\", '"', 'rue" OR "bus', "zzz"])
def test_a_search_without_a_match_finds_nothing(db, titled, q):
    assert _found(db, q) == set()


@pytest.mark.parametrize(
    ("q", "titles"), [("100%", {"Piste 100% cyclable"}), ("C:\\an", {"Chemin C:\\ancien"})]
)
def test_punctuation_in_a_search_separates_words_like_in_titles(db, titled, q, titles):
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
    assert verify_terms(db.session.connection()) == []


def test_the_text_search_follows_moves_and_status_changes(db, titled):
    idea = make_idea(title="Abri vélo", lng=-7.61, lat=33.59)
    assert _found(db, "velo") == {"Abri vélo"}
    idea.lng = -7.30
    db.session.flush()
    assert _found(db, "velo") == set()
    assert _found(db, "velo", bbox=(-7.35, 33.5, -7.25, 33.7)) == {"Abri vélo"}
    idea.status = "hidden"
    db.session.flush()
    assert _found(db, "velo", bbox=(-7.35, 33.5, -7.25, 33.7)) == set()
    idea.lng = idea.lat = None
    db.session.flush()
    # Still found by the list and the moderation queue, never on the map.
    keys = db.session.execute(select(IdeaTerm.map_key).where(IdeaTerm.idea_id == idea.id)).scalars()
    assert set(keys) == {UNPLACED_KEY}
    assert _found(db, "velo", bbox=(-180, -90, 180, 90)) == set()
    assert verify_terms(db.session.connection()) == []


def test_the_text_search_follows_bulk_statements(db, titled):
    db.session.execute(update(Idea).where(Idea.title == "Arret minute").values(title="Zone de livraison"))
    assert _found(db, "arret") == {"Un abri à l'arrêt de bus", "ARRÊT du tramway"}
    assert _found(db, "livraison") == {"Zone de livraison"}
    db.session.execute(delete(Idea).where(Idea.title == "Zone de livraison"))
    assert _found(db, "livraison") == set()
    assert verify_terms(db.session.connection()) == []


def test_raw_sql_writes_are_reported_by_verify_and_repaired_by_rebuild(db, titled, runner):
    db.session.execute(
        text("UPDATE ideas SET title = :new WHERE title = :old"),
        {"new": "Abri vélo sécurisé", "old": "Arret minute"},
    )
    db.session.commit()
    result = runner.invoke(args=["geo", "verify-cells"])
    assert result.exit_code == 1
    assert "missing ['abri', 'securise', 'velo'], extra ['arret', 'minute']" in result.output
    result = runner.invoke(args=["geo", "rebuild-cells"])
    assert result.exit_code == 0, result.output
    assert _found(db, "velo secur") == {"Abri vélo sécurisé"}
    assert runner.invoke(args=["geo", "verify-cells"]).exit_code == 0


def test_rebuild_recreates_the_index_from_the_ideas(db, titled):
    connection = db.session.connection()
    db.session.execute(delete(IdeaTerm))
    assert _found(db, "arret") == set()
    assert rebuild_terms(connection) > len(TITLES)
    assert _found(db, "arret") == {"Un abri à l'arrêt de bus", "ARRÊT du tramway", "Arret minute"}


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
            area=service_area(current_app.config),
            options=first_category_options(),
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


@pytest.mark.parametrize("zoom", [11, 15])
def test_text_search_clusters_count_exactly_the_matching_ideas(db, monkeypatch, zoom):
    monkeypatch.setattr(map_queries, "MAX_FEATURES", 25)
    rng = random.Random(3)
    category, other = make_category(), make_category(slug="autre")
    author = make_user()
    titles, categories = {}, {}
    for i in range(300):
        title = f"{rng.choice(TITLES)} {i}"
        lng, lat = rng.gauss(-7.62, 0.01), rng.gauss(33.59, 0.008)
        chosen = rng.choice((category, other))
        idea = make_idea(title=title, category=chosen, author=author, lng=lng, lat=lat)
        titles[idea.id], categories[idea.id] = title, chosen.id
    bbox = (-7.64, 33.575, -7.60, 33.605) if zoom == 15 else CITY
    for q in ("arret", "ombr", "e", "é 1", "bus arr", "1"):
        for category_id in (None, other.id):
            flt = MapFilter(q=q, category_id=category_id)
            view = map_view(db.session.connection(), bbox, zoom, flt)
            wanted = {
                i
                for i, t in titles.items()
                if title_has_words(t, q) and _inside(i, bbox) and category_id in (None, categories[i])
            }
            assert sum(c.count for c in view.clusters) + len(view.idea_ids) == len(wanted), (q, category_id)
            assert set(view.idea_ids) <= wanted


def test_the_title_index_replaces_the_trigram_index_at_the_head_of_the_migrations(db):
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        found = connection.execute(text("SELECT name FROM sqlite_master")).scalars()
    else:
        found = connection.execute(
            text("SELECT indexname FROM pg_indexes WHERE tablename = 'ideas'")
        ).scalars()
    found = set(found)
    assert not {"ideas_fts", "ideas_fts_after_insert", "ix_ideas_title_trgm"} & found
