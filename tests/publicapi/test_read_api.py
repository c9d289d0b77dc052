"""The public read API: filters, cursor pages, one idea with its links, errors, CORS and limits."""

import pytest

from app.moderation.models import PublicStatusEntry
from tests.factories import make_idea


def test_cursor_pages_walk_every_published_idea_once_in_each_sort(client, db, city):
    for n in range(5):
        make_idea(category=city["category"], support_count=n % 2)
    db.session.commit()
    for sort in ("supported", "newest"):
        seen, cursor = [], None
        while True:
            url = f"/api/v1/ideas?limit=2&sort={sort}" + (f"&cursor={cursor}" if cursor else "")
            body = client.get(url).get_json()
            assert len(body["ideas"]) <= 2
            seen += [i["id"] for i in body["ideas"]]
            cursor = body["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == 8
    supported = [i["supports"] for i in client.get("/api/v1/ideas?limit=100").get_json()["ideas"]]
    assert supported == sorted(supported, reverse=True)


def test_filters_narrow_the_ideas(client, db, city):
    city["shade"].public_status = "planned"
    db.session.commit()

    def ids(query):
        return {i["id"] for i in client.get(f"/api/v1/ideas?{query}").get_json()["ideas"]}

    assert ids("district=sidi-belyout") == {city["shade"].id, city["outcome_idea"].id}
    assert ids("status=planned") == {city["shade"].id}
    assert ids("bbox=-7.62,33.58,-7.61,33.595") == {city["shade"].id}
    assert ids("q=bus") == {city["formula"].id, city["outcome_idea"].id}
    assert ids("category=mobilite") == {city["shade"].id, city["formula"].id, city["outcome_idea"].id}
    assert city["hidden"]["pending"].id not in ids("")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("colour=red", "Paramètre inconnu « colour »"),
        ("cursor=notacursor", "Le curseur n'est pas valide"),
        ("limit=0", "limit doit être un nombre entier de 1 à 100."),
        ("limit=101", "limit doit être un nombre entier de 1 à 100."),
        ("sort=random", "Tri inconnu « random »"),
        ("status=pending", "Statut inconnu « pending »"),
        ("bbox=1,2,3", "bbox doit contenir quatre nombres"),
        ("district=atlantis", "Quartier inconnu « atlantis »"),
    ],
)
def test_bad_parameters_get_a_400_saying_what_is_wrong_in_the_visitors_language(client, city, query, message):
    response = client.get(f"/api/v1/ideas?lang=fr&{query}")
    assert response.status_code == 400
    assert message in response.get_json()["message"]


def test_a_cursor_of_another_sort_is_refused(client, db, city):
    cursor = client.get("/api/v1/ideas?limit=1&sort=newest").get_json()["next_cursor"]
    response = client.get(f"/api/v1/ideas?limit=1&sort=supported&cursor={cursor}&lang=en")
    assert response.status_code == 400 and "cursor" in response.get_json()["message"]


def test_one_idea_carries_its_timeline_and_creathon_links(client, db, city):
    db.session.add(
        PublicStatusEntry(idea_id=city["shade"].id, status="under_study", explanation="On regarde.")
    )
    db.session.commit()
    body = client.get(f"/api/v1/ideas/{city['shade'].id}").get_json()
    assert [(e["status"], e["explanation"]) for e in body["timeline"]] == [("under_study", "On regarde.")]
    assert [(o["idea_id"], o["event"], o["relation"]) for o in body["linked_outcomes"]] == [
        (city["outcome_idea"].id, "creathon-2018", "builds_on")
    ]
    assert body["location"] == {"lng": -7.615, "lat": 33.59}
    origin = client.get(f"/api/v1/ideas/{city['outcome_idea'].id}").get_json()["creathon"]
    assert origin["event"] == "creathon-2018" and origin["url"].endswith("/events/creathon-2018")
    assert "author" not in body and "amina" not in str(body).lower()


def test_unpublished_ideas_are_not_found(client, city):
    for idea in city["hidden"].values():
        response = client.get(f"/api/v1/ideas/{idea.id}?lang=en")
        assert response.status_code == 404
        assert response.get_json()["message"] == "There is no published idea with this number."


def test_reference_lists_answer(client, city):
    assert "mobilite" in [c["slug"] for c in client.get("/api/v1/categories").get_json()["categories"]]
    districts = client.get("/api/v1/districts").get_json()["districts"]
    assert [(d["slug"], d["ideas"], d["supports"]) for d in districts] == [("sidi-belyout", 2, 7)]
    events = client.get("/api/v1/events").get_json()["events"]
    assert events[0]["start_date"] == "2018-04-20" and events[0]["outcomes"] == 1
    assert len(client.get("/api/v1/outcomes?event=creathon-2018").get_json()["outcomes"]) == 1
    assert client.get("/api/v1/outcomes?event=other").get_json()["outcomes"] == []
    assert client.get("/api/v1/transparency").get_json()["months"][0]["received"] == 7


def test_reads_are_open_to_every_origin_and_nothing_else(client, city):
    response = client.get("/api/v1/ideas", headers={"Origin": "https://example.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET"
    preflight = client.options("/api/v1/ideas", headers={"Origin": "https://example.org"})
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET"
    assert client.post("/api/v1/ideas").status_code in (400, 405)


def test_an_idea_number_beyond_the_database_range_is_not_found(client, city):
    response = client.get("/api/v1/ideas/5152210039134194?lang=en")
    assert response.status_code == 404
    assert response.get_json()["message"] == "There is no published idea with this number."
