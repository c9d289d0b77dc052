"""An outcome's Arabic title names it wherever outcomes are listed or linked, for Arabic readers."""

from app.creathon.models import Link, Outcome
from app.ideas.models import Idea
from tests.factories import make_idea

TITLE_AR = "مظلات لمحطات الحافلات"


def _outcome(db, event, category, title_ar=TITLE_AR):
    idea = Idea(
        title="Abri de bus ombragé",
        description="Un abri",
        category=category,
        lat=33.5731,
        lng=-7.5898,
        source="creathon",
        status="published",
        language="fr",
    )
    outcome = Outcome(event=event, idea=idea, match_key="t:abri|", team="Équipe A", title_ar=title_ar)
    db.session.add(outcome)
    db.session.flush()
    return outcome


def _linked_citizen_idea(db, outcome, category):
    citizen = make_idea(title="Un abri à la gare", category=category, lat=33.574, lng=-7.589)
    db.session.add(Link(outcome=outcome, idea=citizen, relation="builds_on", state="confirmed"))
    db.session.commit()
    return citizen


def test_the_event_page_names_outcomes_in_arabic_for_arabic_readers_only(client, db, event, category):
    _outcome(db, event, category)
    db.session.commit()
    arabic = client.get("/events/creathon-test?lang=ar").get_data(as_text=True)
    assert f'<bdi lang="ar" dir="rtl">{TITLE_AR}</bdi>' in arabic
    assert "Abri de bus ombragé" not in arabic
    for lang in ("fr", "en"):
        page = client.get(f"/events/creathon-test?lang={lang}").get_data(as_text=True)
        assert '<bdi lang="fr" dir="auto">Abri de bus ombragé</bdi>' in page and TITLE_AR not in page


def test_an_outcome_without_an_arabic_title_keeps_its_title_for_arabic_readers(client, db, event, category):
    _outcome(db, event, category, title_ar=None)
    db.session.commit()
    page = client.get("/events/creathon-test?lang=ar").get_data(as_text=True)
    assert '<bdi lang="fr" dir="auto">Abri de bus ombragé</bdi>' in page


def test_a_citizens_idea_names_its_linked_outcome_in_arabic(client, db, event, category):
    outcome = _outcome(db, event, category)
    citizen = _linked_citizen_idea(db, outcome, category)
    arabic = client.get(f"/ideas/{citizen.id}?lang=ar").get_data(as_text=True)
    assert f'<bdi lang="ar" dir="rtl">{TITLE_AR}</bdi></a>' in arabic
    french = client.get(f"/ideas/{citizen.id}?lang=fr").get_data(as_text=True)
    assert "Abri de bus ombragé</bdi></a>" in french and TITLE_AR not in french


def test_the_outcomes_own_idea_page_gives_arabic_readers_its_arabic_title(client, db, event, category):
    outcome = _outcome(db, event, category)
    db.session.commit()
    arabic = client.get(f"/ideas/{outcome.idea_id}?lang=ar").get_data(as_text=True)
    assert f'<bdi lang="ar" dir="rtl">{TITLE_AR}</bdi>' in arabic
    assert TITLE_AR not in client.get(f"/ideas/{outcome.idea_id}?lang=en").get_data(as_text=True)


def test_the_map_names_the_outcome_in_arabic_for_arabic_readers(client, db, event, category):
    outcome = _outcome(db, event, category)
    db.session.commit()
    url = "/api/v1/ideas.geojson?bbox=-7.7,33.5,-7.5,33.7&zoom=17"

    def properties(lang):
        features = client.get(f"{url}&lang={lang}").get_json()["features"]
        return next(f["properties"] for f in features if f["properties"].get("id") == outcome.idea_id)

    assert {k: properties("ar")[k] for k in ("title", "language")} == {"title": TITLE_AR, "language": "ar"}
    for lang in ("fr", "en"):
        assert {k: properties(lang)[k] for k in ("title", "language")} == {
            "title": "Abri de bus ombragé",
            "language": "fr",
        }


def test_the_ideas_list_cards_name_outcomes_in_arabic_for_arabic_readers(client, db, event, category):
    _outcome(db, event, category)
    make_idea(title="Un banc ombragé", category=category)
    db.session.commit()
    arabic = client.get("/ideas?lang=ar").get_data(as_text=True)
    assert f'<bdi lang="ar" dir="rtl">{TITLE_AR}</bdi></a></h2>' in arabic
    assert "Abri de bus ombragé</a>" not in arabic
    assert "Un banc ombragé</a></h2>" in arabic
    for lang in ("fr", "en"):
        page = client.get(f"/ideas?lang={lang}").get_data(as_text=True)
        assert TITLE_AR not in page
        assert 'lang="fr" dir="auto"><a href="/ideas/' in page and "Abri de bus ombragé</a></h2>" in page


def test_arabic_card_titles_cost_one_query_for_the_whole_page(client, db, event, category):
    from tests.statements import recorded_statements

    def outcome_queries():
        with recorded_statements() as seen:
            page = client.get("/ideas?lang=ar").get_data(as_text=True)
        return page, [s for s, _ in seen if "creathon_outcomes" in s]

    _outcome(db, event, category)
    db.session.commit()
    _page, few = outcome_queries()
    for number in range(6):
        idea = Idea(
            title=f"Idée {number}",
            description="Texte",
            category=category,
            lat=33.5731,
            lng=-7.5898,
            source="creathon",
            status="published",
            language="fr",
        )
        db.session.add(Outcome(event=event, idea=idea, match_key=f"t:{number}|", title_ar=f"فكرة {number}"))
    db.session.commit()
    page, many = outcome_queries()
    assert page.count('<bdi lang="ar" dir="rtl">') == 7
    assert len(many) == len(few) == 1


def test_a_projects_page_names_its_linked_outcomes_in_arabic_for_arabic_readers(client, db, event, category):
    from app.projects import services as projects
    from tests.factories import make_user
    from tests.projects.conftest import draft

    outcome = _outcome(db, event, category)
    citizen = make_idea(title="Un abri à la gare", category=category)
    manager = make_user(role="admin")
    project = projects.create_project(manager, draft(), "study")
    projects.link_idea(project, manager, outcome.idea, "Oui.", outcome=outcome)
    projects.link_idea(project, manager, citizen, "Oui.")
    db.session.commit()
    arabic = client.get(f"/projects/{project.id}?lang=ar").get_data(as_text=True)
    assert f'<bdi lang="ar" dir="rtl">{TITLE_AR}</bdi></a>' in arabic
    assert "Abri de bus ombragé" not in arabic
    assert 'lang="fr" dir="auto">Un abri à la gare</a>' in arabic
    for lang in ("fr", "en"):
        page = client.get(f"/projects/{project.id}?lang={lang}").get_data(as_text=True)
        assert '<bdi lang="fr" dir="auto">Abri de bus ombragé</bdi></a>' in page and TITLE_AR not in page
