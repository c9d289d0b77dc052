"""Read queries of the relays: their ideas, in-person supports, batches, figures by channel."""

from sqlalchemy import func, select

from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import CHANNELS, District, Idea
from app.relays.models import AssistedIdea, InPersonSupport, PaperBatch, Relay, RelayAuditEntry
from app.votes.models import Vote


def ideas_entered_by(user_id, limit=200):
    """(AssistedIdea, Idea) pairs a relay entered, newest first: a relay sees only these."""
    return db.session.execute(
        select(AssistedIdea, Idea)
        .join(Idea, Idea.id == AssistedIdea.idea_id)
        .where(AssistedIdea.relay_id == user_id)
        .order_by(AssistedIdea.created_at.desc(), Idea.id.desc())
        .limit(limit)
    ).all()


def assisted_of(idea_id):
    return db.session.get(AssistedIdea, idea_id)


def relay_facts(idea_id):
    """(organisation, channel, resident_name, in_person) of an idea in one query; the first three
    are None for an idea no relay entered."""

    def assisted(column):
        return select(column).where(AssistedIdea.idea_id == idea_id).scalar_subquery()

    in_person = select(func.count()).where(InPersonSupport.idea_id == idea_id).scalar_subquery()
    return db.session.execute(
        select(
            assisted(AssistedIdea.organisation).label("organisation"),
            assisted(AssistedIdea.channel).label("channel"),
            assisted(AssistedIdea.resident_name).label("resident_name"),
            in_person.label("in_person"),
        )
    ).one()


def in_person_count(idea_id):
    return db.session.scalar(select(func.count()).where(InPersonSupport.idea_id == idea_id)) or 0


def batch_by_code(code):
    code = (code or "").strip().upper()
    if not code:
        return None
    return db.session.scalar(select(PaperBatch).where(PaperBatch.code == code))


def batches_of(user_id, limit=50):
    return db.session.scalars(
        select(PaperBatch)
        .where(PaperBatch.created_by_id == user_id)
        .order_by(PaperBatch.id.desc())
        .limit(limit)
    ).all()


def all_relays():
    return db.session.scalars(select(Relay).order_by(Relay.organisation, Relay.user_id)).all()


def audit_entries(limit=200):
    return db.session.scalars(select(RelayAuditEntry).order_by(RelayAuditEntry.id.desc()).limit(limit)).all()


PUBLIC_STATUSES = (IdeaStatus.PUBLISHED.value,)


def participation_by_channel():
    """{channel: {"ideas": n, "supports": n}} over published ideas: ideas by the channel they came
    through; supports online (accounts' votes) and collected in person (by their channel)."""
    figures = {channel: {"ideas": 0, "supports": 0} for channel in CHANNELS}
    for channel, count in db.session.execute(
        select(Idea.channel, func.count()).where(Idea.status.in_(PUBLIC_STATUSES)).group_by(Idea.channel)
    ):
        figures.setdefault(channel, {"ideas": 0, "supports": 0})["ideas"] = count
    online = db.session.scalar(
        select(func.count())
        .select_from(Vote)
        .join(Idea, Idea.id == Vote.idea_id)
        .where(Idea.status.in_(PUBLIC_STATUSES))
    )
    figures["online"]["supports"] = online or 0
    for channel, count in db.session.execute(
        select(InPersonSupport.channel, func.count())
        .join(Idea, Idea.id == InPersonSupport.idea_id)
        .where(Idea.status.in_(PUBLIC_STATUSES))
        .group_by(InPersonSupport.channel)
    ):
        figures[channel]["supports"] = count
    return figures


def _supports_by_district(model):
    return dict(
        db.session.execute(
            select(Idea.district_id, func.count())
            .select_from(model)
            .join(Idea, Idea.id == model.idea_id)
            .where(Idea.status.in_(PUBLIC_STATUSES))
            .group_by(Idea.district_id)
        ).all()
    )


def participation_by_district(locale="fr"):
    """Rows (district name, {channel: published ideas}, total, {"online": n, "in_person": n}
    supports of its published ideas) for every district, fewest ideas first: where the city hears
    least comes at the top."""
    counts = {}
    for district_id, channel, count in db.session.execute(
        select(Idea.district_id, Idea.channel, func.count())
        .where(Idea.status.in_(PUBLIC_STATUSES))
        .group_by(Idea.district_id, Idea.channel)
    ):
        counts.setdefault(district_id, {})[channel] = count
    online, in_person = _supports_by_district(Vote), _supports_by_district(InPersonSupport)
    rows = []
    for district in db.session.scalars(select(District).order_by(District.name_fr)):
        by_channel = counts.get(district.id, {})
        row = {c: by_channel.get(c, 0) for c in CHANNELS}
        supports = {"online": online.get(district.id, 0), "in_person": in_person.get(district.id, 0)}
        rows.append((district.name(locale), row, sum(row.values()), supports))
    rows.sort(key=lambda row: (row[2], row[0]))
    return rows
