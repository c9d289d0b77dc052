"""The map index's tables: per-cell aggregates and title words of placed ideas, which make
clustering and text search on the map fast at any size (kept by app.mapindex.hooks)."""

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


class MapTerm(db.Model):
    """One word of a placed idea's title with the idea's key, point and filters: the rows of a
    word lie together in key order, so a text search on the map reads them without the ideas."""

    __tablename__ = "map_terms"

    # Byte order on PostgreSQL (as SQLite compares): "every word starting with x" is a key range.
    term = db.Column(db.String(64).with_variant(db.String(64, collation="C"), "postgresql"), nullable=False)
    status = db.Column(db.String(20), nullable=False)
    map_key = db.Column(db.BigInteger, nullable=False)
    idea_id = db.Column(db.Integer, nullable=False)
    category_id = db.Column(db.Integer, nullable=False)
    district_id = db.Column(db.Integer)
    lng = db.Column(db.Float, nullable=False)
    lat = db.Column(db.Float, nullable=False)

    __table_args__ = (
        # Carrying the point and filters in the primary key index lets PostgreSQL answer from it
        # alone (SQLite's table without rowid is that index already).
        db.PrimaryKeyConstraint(
            "term",
            "status",
            "map_key",
            "idea_id",
            postgresql_include=["category_id", "district_id", "lng", "lat"],
        ),
        # An idea's own words: a search for several words checks the others here, and writes
        # replace an idea's words through it.
        db.Index("ix_map_terms_idea", "idea_id", "term"),
        {"sqlite_with_rowid": False},
    )
