"""Suggestions rank nearby ideas by text similarity, for French and Arabic alike; links."""

import pytest

from app.creathon import linking
from app.creathon.models import Link, Outcome
from app.creathon.text import normalize
from app.ideas.models import Idea
from tests.factories import make_idea


def _outcome(db, event, category, title, lat=33.5731, lng=-7.5898, description="", **idea_fields):
    idea = Idea(
        title=title,
        description=description,
        category=category,
        lat=lat,
        lng=lng,
        source="creathon",
        status="published",
        **idea_fields,
    )
    outcome = Outcome(event=event, idea=idea, match_key=f"t:{normalize(title)}|")
    db.session.add(outcome)
    db.session.flush()
    return outcome


def test_arabic_normalisation_unifies_spellings():
    assert normalize("إِنَارَةُ الطَّرِيقِ") == normalize("انارة الطريق")
    assert normalize("مدرسة") == normalize("مدرسه")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("الـــطريق") == "الطريق"
    assert normalize("Éclairage À L'ARRÊT") == "eclairage a l arret"


def test_french_suggestions_rank_similar_nearby_ideas_first(db, event, category):
    outcome = _outcome(
        db,
        event,
        category,
        "Abri de bus ombragé avec horaires",
        description="Un abri à l'arrêt de bus avec les horaires en direct",
    )
    close_similar = make_idea(
        title="Un abri ombragé pour l'arrêt de bus", lat=33.5735, lng=-7.5895, category=category
    )
    far_similar = make_idea(
        title="Un abri ombragé pour l'arrêt de bus", lat=33.5731, lng=-7.5850, category=category
    )
    unrelated = make_idea(title="Fête de quartier au parc", lat=33.5732, lng=-7.5897, category=category)
    too_far = make_idea(title="Abri de bus ombragé avec horaires", lat=33.60, lng=-7.62, category=category)
    pending = make_idea(
        title="Abri de bus ombragé", status="pending", lat=33.5731, lng=-7.5898, category=category
    )
    found = linking.suggestions_for_outcome(outcome)
    ids = [s.idea_id for s in found]
    assert ids[:2] == [close_similar.id, far_similar.id]
    assert unrelated.id not in ids and too_far.id not in ids and pending.id not in ids
    assert all(0 <= s.score <= 1 for s in found)


def test_arabic_suggestions_match_despite_spelling_variants(db, event, category):
    outcome = _outcome(db, event, category, "إِنارة ممرات الراجلين قرب المدرسة")
    same = make_idea(title="انارة ممر الراجلين امام المدرسه", lat=33.5733, lng=-7.5899, category=category)
    other = make_idea(title="حديقة للأطفال في الحي", lat=33.5733, lng=-7.5899, category=category)
    found = linking.suggestions_for_outcome(outcome)
    assert found[0].idea_id == same.id
    assert other.id not in [s.idea_id for s in found] or found[-1].idea_id == other.id


def test_approximate_outcomes_look_in_their_district(db, event, category, district):
    outcome = _outcome(
        db,
        event,
        category,
        "Coursiers à vélo",
        lat=district.center_lat,
        lng=district.center_lng,
        approximate=True,
        district_id=district.id,
    )
    inside = make_idea(
        title="Livraison par coursiers à vélo",
        lat=33.605,
        lng=-7.625,
        category=category,
        district_id=district.id,
    )
    make_idea(title="Livraison par coursiers à vélo", lat=33.50, lng=-7.70, category=category)
    found = linking.suggestions_for_outcome(outcome)
    assert [s.idea_id for s in found] == [inside.id]
    assert found[0].distance is None


def test_confirmed_and_dismissed_ideas_are_not_suggested_again(db, event, category):
    outcome = _outcome(db, event, category, "Abri de bus ombragé")
    first = make_idea(title="Abri de bus ombragé", category=category)
    second = make_idea(title="Un abri de bus", category=category)
    user = None
    linking.link_idea(outcome, first, "same_as", user, score=0.9)
    linking.dismiss_suggestion(outcome, second, user)
    assert linking.suggestions_for_outcome(outcome) == []
    states = {link.idea_id: (link.state, link.relation) for link in db.session.scalars(db.select(Link))}
    assert states == {first.id: ("confirmed", "same_as"), second.id: ("dismissed", None)}


def test_confirming_a_dismissed_suggestion_keeps_one_link_per_pair(db, event, category):
    outcome = _outcome(db, event, category, "Abri")
    idea = make_idea(title="Abri", category=category)
    linking.dismiss_suggestion(outcome, idea, None)
    linking.link_idea(outcome, idea, "builds_on", None)
    assert db.session.scalar(db.select(db.func.count(Link.id))) == 1


def test_only_citizens_ideas_can_be_linked(db, event, category):
    outcome = _outcome(db, event, category, "Abri")
    other = _outcome(db, event, category, "Banc")
    with pytest.raises(linking.LinkError):
        linking.link_idea(outcome, other.idea, "answers", None)
    with pytest.raises(ValueError):
        linking.link_idea(outcome, make_idea(category=category), "likes", None)


def test_busy_district_still_finds_the_matching_idea_for_an_approximate_outcome(
    db, event, category, district
):
    for n in range(260):
        make_idea(
            title=f"Fête du quartier numéro {n}",
            description="Animation et musique",
            category=category,
            district_id=district.id,
            lat=33.59,
            lng=-7.61,
        )
    wanted = make_idea(
        title="Coursiers à vélo pour les commerces",
        category=category,
        district_id=district.id,
        lat=33.60,
        lng=-7.62,
    )
    outcome = _outcome(
        db,
        event,
        category,
        "Coursiers de quartier à vélo",
        lat=district.center_lat,
        lng=district.center_lng,
        approximate=True,
        district_id=district.id,
    )
    assert linking.suggestions_for_outcome(outcome)[0].idea_id == wanted.id


def test_candidates_are_loaded_only_around_the_targets(db, category, district):
    near = make_idea(title="Abri", lat=33.5731, lng=-7.5898, category=category)
    in_district = make_idea(title="Abri", lat=33.70, lng=-7.40, category=category, district_id=district.id)
    make_idea(title="Abri", lat=33.50, lng=-7.70, category=category)
    targets = [
        linking.Target(1, "abri", 33.5731, -7.5898),
        linking.Target(2, "abri", 33.595, -7.615, approximate=True, district_id=district.id),
    ]
    assert set(linking.CandidateIndex.around(targets).ideas) == {near.id, in_district.id}
