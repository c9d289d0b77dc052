"""Ideas, their categories and the city's districts."""

import enum

from sqlalchemy import func

from app.core.time import utcnow
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus


class Theme(enum.StrEnum):
    MOBILITY = "mobility"
    PUBLIC_SPACE = "public_space"


class IdeaSource(enum.StrEnum):
    CITIZEN = "citizen"
    CREATHON = "creathon"


# How a proposal or a support reached Agora: on the site, or through a relay (app/relays).
CHANNELS = ("online", "in_person", "phone", "paper", "workshop")


def _names_for(obj, locale):
    return getattr(obj, f"name_{locale}", None) or obj.name_fr


class Category(db.Model):
    __tablename__ = "categories"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(60), nullable=False, unique=True)
    theme = db.Column(db.String(20), nullable=False)
    name_fr = db.Column(db.String(120), nullable=False)
    name_ar = db.Column(db.String(120), nullable=False)
    name_en = db.Column(db.String(120), nullable=False)
    color = db.Column(db.String(7), nullable=False, default="#1f6f8b")
    position = db.Column(db.Integer, nullable=False, default=0)
    is_active = db.Column(db.Boolean, nullable=False, default=True, server_default=db.true())

    __table_args__ = (db.CheckConstraint("theme IN ('mobility', 'public_space')", name="theme_known"),)

    def name(self, locale):
        return _names_for(self, locale)


class District(db.Model):
    __tablename__ = "districts"

    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(80), nullable=False, unique=True)
    name_fr = db.Column(db.String(120), nullable=False)
    name_ar = db.Column(db.String(120), nullable=False)
    name_en = db.Column(db.String(120), nullable=False)
    # GeoJSON geometry (Polygon or MultiPolygon) as text, plus its bounding box and centre.
    geometry = db.Column(db.Text, nullable=False)
    min_lng = db.Column(db.Float, nullable=False)
    min_lat = db.Column(db.Float, nullable=False)
    max_lng = db.Column(db.Float, nullable=False)
    max_lat = db.Column(db.Float, nullable=False)
    center_lat = db.Column(db.Float, nullable=False)
    center_lng = db.Column(db.Float, nullable=False)
    is_illustrative = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    # Inhabitants, for figures per 1,000 people; None while unknown.
    population = db.Column(db.Integer)

    __table_args__ = (
        db.CheckConstraint("population IS NULL OR population >= 0", name="population_positive"),
    )

    def name(self, locale):
        return _names_for(self, locale)


class Idea(db.Model):
    __tablename__ = "ideas"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(160), nullable=False)
    description = db.Column(db.Text, nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey("categories.id"), nullable=False)
    # Unplaced ideas (some créathon outcomes) have no point and stay off the map.
    lat = db.Column(db.Float)
    lng = db.Column(db.Float)
    approximate = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    place_label = db.Column(db.String(200))
    district_id = db.Column(db.Integer, db.ForeignKey("districts.id"))
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    status = db.Column(db.String(20), nullable=False, default=IdeaStatus.PENDING.value)
    source = db.Column(db.String(20), nullable=False, default=IdeaSource.CITIZEN.value)
    channel = db.Column(db.String(20), nullable=False, default="online", server_default="online")
    language = db.Column(db.String(5), nullable=False, default="fr")
    photo = db.Column(db.String(64))
    # Kept equal to the number of vote rows, in the same transaction as each vote.
    support_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow, server_default=func.now())
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    published_at = db.Column(db.DateTime)
    # Morton key of the idea's point (app.geometry.cells.point_key), None when unplaced: the map
    # index (app.mapindex) sets it on every write of the point and reads ideas by key ranges.
    map_key = db.Column(db.BigInteger)

    category = db.relationship(Category, lazy="joined")
    district = db.relationship(District)
    author = db.relationship("User")

    __table_args__ = (
        db.CheckConstraint(
            "status IN ({})".format(", ".join(f"'{s}'" for s in IdeaStatus)),
            name="status_known",
        ),
        db.CheckConstraint("source IN ('citizen', 'creathon')", name="source_known"),
        db.CheckConstraint("support_count >= 0", name="support_count_positive"),
        # The orders of the list and the API (newest; most supported, the default) among ideas of
        # a status, whole: a page of a search walks one of them and stops after its ideas.
        db.Index("ix_ideas_status_created", "status", "created_at", "id"),
        db.Index("ix_ideas_author", "author_id"),
        db.Index("ix_ideas_status_support", "status", "support_count", "id"),
        # Covering indexes of the map: key, point and id read from the index alone (index-only scans).
        db.Index("ix_ideas_map_status", "status", "map_key", "lng", "lat", "id"),
        db.Index("ix_ideas_map_category", "status", "category_id", "map_key", "lng", "lat", "id"),
        db.Index("ix_ideas_map_district", "status", "district_id", "map_key", "lng", "lat", "id"),
    )

    @property
    def is_published(self):
        return self.status == IdeaStatus.PUBLISHED.value

    @property
    def is_placed(self):
        return self.lat is not None and self.lng is not None

    # The city's public answer and the original a duplicate was merged into (set by moderation).
    public_status = db.Column(db.String(20))
    merged_into_id = db.Column(db.Integer, db.ForeignKey("ideas.id"))


# `IdeaTerm.map_key` of an idea without a point: below every key a map range can hold.
UNPLACED_KEY = -1


class IdeaTerm(db.Model):
    """One word of an idea's title or description, with the idea's status, key, point and filters
    (app.ideas.search). The rows of a word lie together, so every search (list, map, API,
    moderation) reads an index range per word, and the map reads them in key order without the
    ideas. Kept exact by app.mapindex.hooks on every ORM write to ideas."""

    __tablename__ = "idea_terms"

    # Byte order on PostgreSQL (as SQLite compares): "every word starting with x" is a key range.
    term = db.Column(db.String(64).with_variant(db.String(64, collation="C"), "postgresql"), nullable=False)
    status = db.Column(db.String(20), nullable=False)
    # UNPLACED_KEY when the idea has no point (then lng and lat are None).
    map_key = db.Column(db.BigInteger, nullable=False)
    idea_id = db.Column(db.Integer, nullable=False)
    category_id = db.Column(db.Integer, nullable=False)
    district_id = db.Column(db.Integer)
    lng = db.Column(db.Float)
    lat = db.Column(db.Float)

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
        db.Index("ix_idea_terms_idea", "idea_id", "term"),
        {"sqlite_with_rowid": False},
    )
