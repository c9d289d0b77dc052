"""Which existing outcome of the event a parsed row is (same identifier, or same title and team
when the file has no identifier), or only looks like (same title once normalised, under
another identifier or none): what a re-import from another file must not duplicate."""

from flask_babel import lazy_gettext as _l

from app.creathon.models import Outcome
from app.creathon.text import normalize
from app.extensions import db


def existing_outcomes(event):
    if event.id is None:
        return []
    return db.session.scalars(db.select(Outcome).where(Outcome.event_id == event.id)).all()


class Lookalikes:
    """Existing outcomes by normalised title, to tell a new row that repeats one under another
    identifier (or none): same title, and the same team or a team missing on one side."""

    def __init__(self, outcomes):
        self.by_title = {}
        for outcome in outcomes:
            self.by_title.setdefault(normalize(outcome.idea.title), []).append(outcome)

    def find(self, row):
        team = normalize(row.team)
        for outcome in self.by_title.get(normalize(row.title), []):
            other = normalize(outcome.team)
            if not team or not other or team == other:
                return outcome
        return None


def _target_state(row, outcome):
    # A file without the city's answer leaves the one moderators gave untouched.
    public_status = row.public_status if row.public_status is not None else outcome.idea.public_status
    return (
        row.title,
        row.description,
        row.category_id,
        row.lat,
        row.lng,
        row.approximate,
        row.place or None,
        row.district_id,
        row.team or None,
        row.rank,
        row.identifier or None,
        row.title_ar or None,
        public_status,
        row.answer or None,
    )


def _current_state(outcome):
    idea = outcome.idea
    return (
        idea.title,
        idea.description,
        idea.category_id,
        idea.lat,
        idea.lng,
        idea.approximate,
        idea.place_label,
        idea.district_id,
        outcome.team,
        outcome.rank,
        outcome.external_id,
        outcome.title_ar,
        idea.public_status,
        outcome.answer,
    )


def decide(parsed, existing, lookalikes, options):
    """Whether `parsed` updates, leaves unchanged or creates an outcome, and whether a new one
    looks like an existing outcome (skipped or created as `options` say)."""
    parsed.outcome = existing.get(parsed.key)
    if parsed.outcome is not None:
        same = _current_state(parsed.outcome) == _target_state(parsed, parsed.outcome)
        parsed.action = "unchanged" if same else "update"
        return
    parsed.action = "create"
    parsed.looks_like = lookalikes.find(parsed)
    if parsed.looks_like is None:
        return
    if options.duplicates == "skip":
        parsed.action = "skip"
        parsed.notes.append(_l("Looks like an outcome already imported: not imported, as chosen."))
    elif options.duplicates == "create":
        parsed.notes.append(_l("Looks like an outcome already imported: created anyway, as chosen."))
