"""Bad map requests get a 400 JSON error saying what is wrong, in the request's language."""
import pytest

from tests.factories import make_category

URL = "/api/v1/ideas.geojson"
GOOD_BOX = "-7.8,33.45,-7.35,33.68"
ZOOM_EN, ZOOM_FR = "zoom must be a whole number from 0 to 20", "zoom doit être un nombre entier"

CASES = [
    ("zoom=11", "The bbox parameter is required", "Le paramètre bbox est obligatoire"),
    ("bbox=1,2,3&zoom=11", "bbox must be four numbers", "bbox doit contenir quatre nombres"),
    ("bbox=a,b,c,d&zoom=11", "bbox must be four numbers", "bbox doit contenir quatre nombres"),
    ("bbox=1,2,3,4,5&zoom=11", "bbox must be four numbers", "bbox doit contenir quatre nombres"),
    ("bbox=nan,2,3,4&zoom=11", "bbox must be four numbers", "bbox doit contenir quatre nombres"),
    ("bbox=-7.3,33.4,-7.8,33.6&zoom=11", "bbox is inverted: west", "bbox est inversée : l'ouest"),
    ("bbox=-7.8,33.7,-7.3,33.4&zoom=11", "bbox is inverted: south", "bbox est inversée : le sud"),
    ("bbox=-190,33,-7,34&zoom=11", "longitudes must be between -180 and 180", "entre -180 et 180"),
    ("bbox=-8,-95,-7,34&zoom=11", "latitudes must be between -90 and 90", "entre -90 et 90"),
    (f"bbox={GOOD_BOX}", ZOOM_EN, ZOOM_FR),
    (f"bbox={GOOD_BOX}&zoom=21", ZOOM_EN, ZOOM_FR),
    (f"bbox={GOOD_BOX}&zoom=-1", ZOOM_EN, ZOOM_FR),
    (f"bbox={GOOD_BOX}&zoom=11.5", ZOOM_EN, ZOOM_FR),
    (f"bbox={GOOD_BOX}&zoom=11&category=nope", "Unknown category “nope”", "Catégorie inconnue « nope »"),
    (f"bbox={GOOD_BOX}&zoom=11&district=nope", "Unknown district “nope”", "Quartier inconnu « nope »"),
    (f"bbox={GOOD_BOX}&zoom=11&status=secret", "Unknown status “secret”", "Statut inconnu « secret »"),
    (f"bbox={GOOD_BOX}&zoom=11&q={'x' * 101}", "limited to 100 characters", "limité à 100 caractères"),
]


@pytest.mark.parametrize(("query", "english", "french"), CASES)
def test_bad_input_gets_a_400_saying_what_is_wrong(client, query, english, french):
    for lang, text in (("en", english), ("fr", french)):
        response = client.get(f"{URL}?{query}&lang={lang}")
        assert response.status_code == 400
        assert response.is_json
        body = response.get_json()
        assert body["error"] and text in body["message"], (lang, body)


def test_error_language_follows_accept_language(client):
    response = client.get(f"{URL}?bbox=x&zoom=1", headers={"Accept-Language": "ar"})
    assert response.status_code == 400
    assert "bbox" in response.get_json()["message"] and "four" not in response.get_json()["message"]


def test_a_very_large_box_is_fine(db, client):
    make_category()
    db.session.commit()
    response = client.get(f"{URL}?bbox=-180,-90,180,90&zoom=0")
    assert response.status_code == 200
    assert response.get_json(force=True) == {"type": "FeatureCollection", "features": []}
