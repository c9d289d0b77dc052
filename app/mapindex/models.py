"""The map index's table: per-cell aggregates of placed ideas, which make clustering fast at any
size (kept by app.mapindex.hooks; the words searched are app.ideas.search's `idea_terms`)."""

from app.extensions import db

# Dimension value meaning "every category" / "every district"; ideas without a district
# are counted under NO_DISTRICT.
ALL = 0
NO_DISTRICT = -1


class MapCell(db.Model):
    """Placed ideas of one status in one cell, per category and district, with roll-ups
    (category_id or district_id = ALL), so that any filter reads one row per cell."""

    __tablename__ = "map_cells"

    level = db.Column(db.SmallInteger, primary_key=True)
    status = db.Column(db.String(20), primary_key=True)
    category_id = db.Column(db.Integer, primary_key=True)
    district_id = db.Column(db.Integer, primary_key=True)
    cell = db.Column(db.BigInteger, primary_key=True)
    count = db.Column(db.Integer, nullable=False)
    sum_lng = db.Column(db.Float, nullable=False)
    sum_lat = db.Column(db.Float, nullable=False)
    # With count = 1 the sum of ids is the idea's id: lone ideas are shown as points.
    sum_id = db.Column(db.BigInteger, nullable=False)
    min_lng = db.Column(db.Float, nullable=False)
    min_lat = db.Column(db.Float, nullable=False)
    max_lng = db.Column(db.Float, nullable=False)
    max_lat = db.Column(db.Float, nullable=False)

    __table_args__ = (
        db.CheckConstraint("count > 0", name="count_positive"),
        {"sqlite_with_rowid": False},
    )
