"""The dashboard's aggregate tables: small tables recomputed from ideas, votes and moderation
actions (app.dashboard.aggregates), so that a page view sums hundreds of rows, not millions."""

from app.extensions import db

# Ideas without a district are counted under this district id.
NO_DISTRICT = -1


class IdeaFigure(db.Model):
    """Ideas created in a month, per category, district, source and language: all those
    received, those published now, and the supports these published ideas hold."""

    __tablename__ = "dashboard_ideas"
    __table_args__ = ({"sqlite_with_rowid": False},)

    month = db.Column(db.String(7), primary_key=True)  # "2026-11"
    category_id = db.Column(db.Integer, primary_key=True)
    district_id = db.Column(db.Integer, primary_key=True)
    source = db.Column(db.String(20), primary_key=True)
    language = db.Column(db.String(5), primary_key=True)
    received = db.Column(db.Integer, nullable=False)
    published = db.Column(db.Integer, nullable=False)


class SupportFigure(db.Model):
    """Supports given in a month to published ideas, per the idea's category, district,
    source and language."""

    __tablename__ = "dashboard_supports"
    __table_args__ = ({"sqlite_with_rowid": False},)

    month = db.Column(db.String(7), primary_key=True)
    category_id = db.Column(db.Integer, primary_key=True)
    district_id = db.Column(db.Integer, primary_key=True)
    source = db.Column(db.String(20), primary_key=True)
    language = db.Column(db.String(5), primary_key=True)
    supports = db.Column(db.Integer, nullable=False)


class DecisionFigure(db.Model):
    """First decisions on ideas in a month, per decision and whole hours since the idea was
    received: enough for the throughput and an exact median (to the hour) of any period."""

    __tablename__ = "dashboard_decisions"
    __table_args__ = ({"sqlite_with_rowid": False},)

    month = db.Column(db.String(7), primary_key=True)
    action = db.Column(db.String(20), primary_key=True)
    hours = db.Column(db.Integer, primary_key=True)
    decisions = db.Column(db.Integer, nullable=False)


class DistrictFigure(db.Model):
    """People who proposed or supported a published idea of the district, all periods."""

    __tablename__ = "dashboard_districts"

    district_id = db.Column(db.Integer, primary_key=True)
    participants = db.Column(db.Integer, nullable=False)


class EventFigure(db.Model):
    """What one créathon (or workshop) brought: its ideas, those published, their supports."""

    __tablename__ = "dashboard_events"

    event_id = db.Column(db.Integer, primary_key=True)
    ideas = db.Column(db.Integer, nullable=False)
    published = db.Column(db.Integer, nullable=False)
    supports = db.Column(db.Integer, nullable=False)


class DashboardState(db.Model):
    """The single row saying when the aggregates were last recomputed, and how long it took."""

    __tablename__ = "dashboard_state"

    id = db.Column(db.Integer, primary_key=True)
    refreshed_at = db.Column(db.DateTime, nullable=False)
    seconds = db.Column(db.Float, nullable=False)

    __table_args__ = (db.CheckConstraint("id = 1", name="single_row"),)
