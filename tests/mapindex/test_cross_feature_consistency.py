"""The map's cluster aggregates stay exact through what other features do to ideas."""

from app.mapindex.aggregates import verify_cells
from app.moderation import services as moderation
from app.moderation.reporting import report_idea
from tests.factories import make_category, make_idea, make_user


def _assert_map_exact(db):
    db.session.flush()
    assert verify_cells(db.session.connection()) == []


def test_moderation_decisions_keep_the_map_aggregates_exact(db):
    moderator = make_user(role="moderator")
    author = make_user()
    category, other = make_category(), make_category()
    pending = make_idea(author=author, category=category, status="pending", lat=33.59, lng=-7.62)
    published = make_idea(author=author, category=category, lat=33.58, lng=-7.61)
    duplicate = make_idea(category=category, lat=33.5801, lng=-7.6101)
    spammer = make_user()
    spam = make_idea(author=spammer, category=category, status="pending", lat=33.60, lng=-7.63)
    _assert_map_exact(db)

    moderation.approve_idea(pending, moderator, pending.updated_at)
    _assert_map_exact(db)
    db.session.refresh(published)
    moderation.correct_idea(
        published, moderator, published.updated_at, category_id=other.id, lat=33.57, lng=-7.60
    )
    _assert_map_exact(db)
    db.session.refresh(published)
    moderation.hide_idea(published, moderator, published.updated_at, "spam")
    _assert_map_exact(db)
    db.session.refresh(published)
    moderation.restore_idea(published, moderator, published.updated_at)
    _assert_map_exact(db)
    db.session.refresh(duplicate)
    moderation.merge_idea(duplicate, published, moderator, duplicate.updated_at)
    _assert_map_exact(db)
    moderation.block_user(spammer, moderator, "spam")
    _assert_map_exact(db)
    db.session.refresh(spam)
    assert spam.status == "hidden"


def test_reports_that_hide_an_idea_keep_the_map_aggregates_exact(db):
    idea = make_idea(lat=33.59, lng=-7.62)
    for _ in range(3):
        report_idea(idea, make_user(), "spam", threshold=3)
    _assert_map_exact(db)
    db.session.refresh(idea)
    assert idea.status == "hidden"


def test_importing_districts_reassigns_ideas_and_keeps_the_map_aggregates_exact(db):
    from app.ideas.districts import import_districts

    inside = make_idea(lat=33.59, lng=-7.62)
    outside = make_idea(lat=33.50, lng=-7.40)
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "slug": "maarif",
                    "name_fr": "Maârif",
                    "name_ar": "المعاريف",
                    "name_en": "Maarif",
                },
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[-7.65, 33.57], [-7.60, 33.57], [-7.60, 33.61], [-7.65, 33.61], [-7.65, 33.57]]
                    ],
                },
            }
        ],
    }
    import_districts(document)
    _assert_map_exact(db)
    assert inside.district.slug == "maarif" and outside.district is None
