"""The dashboard's aggregate tables: small tables recomputed from ideas, votes and moderation
actions (app.dashboard.aggregates), so that a page view sums hundreds of rows, not millions."""

from app.extensions import db

# Ideas without a district are counted under this district id.
NO_DISTRICT = -1
# "Every category" / "every district" in the top ideas.
ALL = 0
TOP = 10


TOTAL = "total"  # the breakdown of the rows that count every source and language


def _keys(table):
    # Every breakdown reads one key range: the month range of one category and district for
    # the figures per month; the categories (or districts) of one district (or category).
    return (
        db.PrimaryKeyConstraint("breakdown", "category_id", "district_id", "value", "month"),
        db.Index(f"ix_{table}_by_district", "breakdown", "district_id", "category_id", "value", "month"),
        {"sqlite_with_rowid": False},
    )


class IdeaFigure(db.Model):
    """Ideas received in a month, per category and district, in three breakdowns: "total"
    (value ""), "source" (value: citizen, creathon) and "language" (value: fr, ar, en); with
    rows for every category (category_id ALL), every district (district_id ALL) and both."""

    __tablename__ = "dashboard_ideas"
    __table_args__ = _keys("dashboard_ideas")

    breakdown = db.Column(db.String(10), nullable=False)
    category_id = db.Column(db.Integer, nullable=False)
    district_id = db.Column(db.Integer, nullable=False)
    value = db.Column(db.String(20), nullable=False)
    month = db.Column(db.String(7), nullable=False)  # "2026-11"
    received = db.Column(db.Integer, nullable=False)
    published = db.Column(db.Integer, nullable=False)


class SupportFigure(db.Model):
    """Supports given in a month to published ideas, by the idea's category and district, in the
    same breakdowns and roll-ups as IdeaFigure."""

    __tablename__ = "dashboard_supports"
    __table_args__ = _keys("dashboard_supports")

    breakdown = db.Column(db.String(10), nullable=False)
    category_id = db.Column(db.Integer, nullable=False)
    district_id = db.Column(db.Integer, nullable=False)
    value = db.Column(db.String(20), nullable=False)
    month = db.Column(db.String(7), nullable=False)
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


class TopIdea(db.Model):
    """The most supported published ideas, per category and district (0: all of them)."""

    __tablename__ = "dashboard_top_ideas"

    category_id = db.Column(db.Integer, primary_key=True)
    district_id = db.Column(db.Integer, primary_key=True)
    rank = db.Column(db.Integer, primary_key=True)
    idea_id = db.Column(db.Integer, nullable=False)
    supports = db.Column(db.Integer, nullable=False)


class DashboardState(db.Model):
    """The single row saying when the aggregates were last recomputed, and how long it took."""

    __tablename__ = "dashboard_state"

    id = db.Column(db.Integer, primary_key=True)
    refreshed_at = db.Column(db.DateTime, nullable=False)
    seconds = db.Column(db.Float, nullable=False)

    __table_args__ = (db.CheckConstraint("id = 1", name="single_row"),)
