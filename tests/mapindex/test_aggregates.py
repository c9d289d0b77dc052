"""The cell aggregates stay exact through ordinary ORM writes, and can be rebuilt and verified."""

from sqlalchemy import delete, func, insert, select, update

from app.geometry.cells import point_key
from app.ideas.models import Idea
from app.ideas.search_index import verify_terms
from app.mapindex.aggregates import verify_cells
from app.mapindex.models import ALL, MapCell
from app.mapindex.queries import MapFilter, map_view
from tests.factories import make_category, make_idea, make_user
from tests.mapindex.helpers import assert_cells_exact, make_district, random_ideas


def _count_at(db, level=4, status="published", category_id=ALL, district_id=ALL):
    return db.session.execute(
        select(func.coalesce(func.sum(MapCell.count), 0)).where(
            MapCell.level == level,
            MapCell.status == status,
            MapCell.category_id == category_id,
            MapCell.district_id == district_id,
        )
    ).scalar_one()


def test_new_ideas_are_counted_in_every_level(db):
    random_ideas(120)
    published = db.session.query(Idea).filter_by(status="published").count()
    assert _count_at(db, level=4) == published
    assert _count_at(db, level=18) == published
    assert_cells_exact()


def test_status_changes_move_ideas_between_counts(db):
    ideas, _, _ = random_ideas(60)
    db.session.commit()
    for idea in ideas[:20]:
        idea.status = "hidden" if idea.status == "published" else "published"
    db.session.flush()
    assert_cells_exact()


def test_status_change_on_an_idea_loaded_after_commit_keeps_counts_exact(db):
    idea = make_idea(status="pending")
    db.session.commit()
    # After the commit every attribute is expired: the old status is not in memory.
    idea.status = "published"
    db.session.commit()
    assert _count_at(db) == 1
    assert_cells_exact()


def test_moving_an_idea_updates_cells_and_extents(db):
    ideas, _, _ = random_ideas(60)
    db.session.commit()
    for idea in ideas[:15]:
        idea.lng, idea.lat = idea.lng + 0.01, idea.lat - 0.004
    db.session.flush()
    assert_cells_exact()


def test_moving_the_outermost_idea_shrinks_the_cluster_extent(db):
    category = make_category()
    make_idea(category=category, lng=-7.6200, lat=33.5900)
    far = make_idea(category=category, lng=-7.6100, lat=33.5950)
    db.session.commit()
    far.lng, far.lat = -7.6199, 33.5901
    db.session.commit()
    row = db.session.execute(
        select(MapCell).where(MapCell.level == 4, MapCell.category_id == ALL, MapCell.district_id == ALL)
    ).scalar_one()
    assert (row.min_lng, row.max_lng) == (-7.6200, -7.6199)
    assert_cells_exact()


def test_changing_category_or_district_refiles_the_idea(db):
    ideas, categories, _ = random_ideas(40)
    district = make_district("elsewhere")
    db.session.commit()
    ideas[0].category = categories[2] if ideas[0].category is not categories[2] else categories[0]
    ideas[1].district = district
    ideas[2].district_id = None
    db.session.flush()
    assert_cells_exact()


def test_deleting_and_unplacing_ideas_removes_them(db):
    ideas, _, _ = random_ideas(50)
    db.session.commit()
    for idea in ideas[:10]:
        db.session.delete(idea)
    ideas[10].lat = ideas[10].lng = None
    db.session.flush()
    assert_cells_exact()
    db.session.commit()
    db.session.execute(delete(Idea))
    db.session.execute(delete(MapCell))
    assert _count_at(db) == 0


def test_a_failed_flush_leaves_the_cells_untouched(db):
    ideas, _, _ = random_ideas(10)
    db.session.commit()
    ideas[0].status = "not-a-status"
    try:
        db.session.flush()
    except Exception:  # noqa: BLE001  (the check constraint refuses the status)
        db.session.rollback()
    assert_cells_exact()


def test_verify_reports_a_tampered_table(db):
    random_ideas(30)
    db.session.execute(delete(MapCell).where(MapCell.level == 10))
    problems = verify_cells(db.session.connection())
    assert problems and {kind for kind, _row in problems} == {"missing"}


def test_rebuild_cells_command_restores_exact_counts(db, runner):
    random_ideas(80)
    db.session.execute(delete(MapCell).where(MapCell.level >= 12))
    db.session.execute(Idea.__table__.update().values(map_key=None))
    db.session.commit()
    result = runner.invoke(args=["geo", "rebuild-cells"])
    assert result.exit_code == 0, result.output
    assert "rebuilt" in result.output
    db.session.expire_all()
    assert_cells_exact()
    assert runner.invoke(args=["geo", "verify-cells"]).exit_code == 0


def test_verify_cells_command_fails_on_drift(db, runner):
    random_ideas(20)
    db.session.execute(delete(MapCell).where(MapCell.level == 18))
    db.session.commit()
    result = runner.invoke(args=["geo", "verify-cells"])
    assert result.exit_code == 1
    assert "missing" in result.output


def test_bulk_orm_status_updates_keep_counts_exact(db):
    ideas, _, _ = random_ideas(60)
    db.session.commit()
    ids = [idea.id for idea in ideas[:25]]
    result = db.session.execute(
        update(Idea)
        .where(Idea.id.in_(ids), Idea.status == "published")
        .values(status="hidden")
        .execution_options(synchronize_session=False)
    )
    assert result.rowcount == sum(1 for idea in ideas[:25] if idea.status == "published")
    assert_cells_exact()


def test_bulk_orm_moves_refresh_the_keys(db):
    ideas, _, _ = random_ideas(40)
    db.session.commit()
    db.session.execute(
        update(Idea)
        .where(Idea.id.in_([i.id for i in ideas[:10]]))
        .values(lng=Idea.lng + 0.05, lat=Idea.lat - 0.01)
        .execution_options(synchronize_session=False)
    )
    assert_cells_exact()
    stale = db.session.execute(select(Idea.lng, Idea.lat, Idea.map_key)).all()
    assert all(point_key(lng, lat) == key for lng, lat, key in stale)


def test_bulk_orm_updates_with_values_given_at_execution_keep_counts_exact(db):
    ideas, _, _ = random_ideas(40)
    db.session.commit()
    ids = [idea.id for idea in ideas[:10]]
    db.session.execute(
        update(Idea).where(Idea.id.in_(ids)).execution_options(synchronize_session=False),
        {"status": "hidden", "lng": -7.6, "lat": 33.58},
    )
    assert set(db.session.scalars(select(Idea.status).where(Idea.id.in_(ids)))) == {"hidden"}
    assert_cells_exact()


def test_bulk_orm_update_of_a_field_the_map_does_not_copy_leaves_the_cells_exact(db):
    ideas, _, _ = random_ideas(30)
    db.session.commit()
    db.session.execute(
        update(Idea)
        .where(Idea.id.in_([i.id for i in ideas[:10]]))
        .values(support_count=Idea.support_count + 1)
        .execution_options(synchronize_session=False)
    )
    assert_cells_exact()


def test_core_writes_on_the_ideas_table_are_not_seen_until_a_rebuild(db, runner):
    # The hooks' contract: a statement on the table rather than the entity skips the ORM.
    ideas, _, _ = random_ideas(20)
    db.session.commit()
    table = Idea.__table__
    db.session.execute(update(table).where(table.c.id == ideas[0].id).values(lng=ideas[0].lng + 0.2))
    db.session.commit()
    assert verify_cells(db.session.connection())
    assert runner.invoke(args=["geo", "rebuild-cells"]).exit_code == 0
    assert_cells_exact()


def test_bulk_orm_deletes_remove_ideas_from_the_cells(db):
    ideas, _, _ = random_ideas(40)
    db.session.commit()
    db.session.execute(delete(Idea).where(Idea.id.in_([i.id for i in ideas[:15]])))
    assert_cells_exact()


def test_pending_changes_are_flushed_before_a_bulk_update(db):
    idea = make_idea(status="pending")
    db.session.commit()
    idea.status = "published"
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(status="hidden"))
    assert _count_at(db, status="hidden") == 1
    assert_cells_exact()


def test_ideas_inserted_in_bulk_are_keyed_counted_and_searchable(db):
    category, author = make_category(), make_user()
    rows = [
        {
            "title": f"Banc n°{i}",
            "description": "d",
            "category_id": category.id,
            "author_id": author.id,
            "lng": -7.62 + i * 0.001,
            "lat": 33.59,
            "status": "published",
            "source": "creathon",
            "language": "fr",
        }
        for i in range(3)
    ] + [
        {
            "title": "Sans lieu",
            "description": "d",
            "category_id": category.id,
            "author_id": author.id,
            "status": "published",
            "source": "creathon",
            "language": "fr",
        }
    ]
    ids = db.session.scalars(insert(Idea).returning(Idea.id, sort_by_parameter_order=True), rows).all()
    assert len(ids) == 4
    keys = dict(db.session.execute(select(Idea.id, Idea.map_key).where(Idea.id.in_(ids))).all())
    assert keys[ids[0]] == point_key(-7.62, 33.59) and keys[ids[3]] is None
    assert _count_at(db) == 3
    assert_cells_exact()
    assert verify_terms(db.session.connection()) == []
    view = map_view(db.session.connection(), (-7.7, 33.5, -7.5, 33.7), 12, MapFilter(q="banc"))
    assert sorted(view.idea_ids) == sorted(ids[:3])
    # Without RETURNING too: the hook asks for the ids itself.
    db.session.execute(insert(Idea), [dict(rows[0], title="Fontaine publique")])
    assert _count_at(db) == 4
    assert_cells_exact()
    view = map_view(db.session.connection(), (-7.7, 33.5, -7.5, 33.7), 12, MapFilter(q="fontaine"))
    assert len(view.idea_ids) == 1
