"""Suggesting citizens' ideas for an outcome (nearby and similar text, fr and ar alike), and
confirming or dismissing the links facilitators and moderators choose."""

import math
from collections import defaultdict
from dataclasses import dataclass

from app.creathon.models import Link, LinkRelation, LinkState
from app.creathon.text import normalize
from app.extensions import db
from app.ideas.models import Idea, IdeaSource, IdeaStatus

RADIUS_M = 500
TEXT_WEIGHT = 0.7
MIN_SIMILARITY = 0.08
APPROXIMATE_PROXIMITY = 0.4
_CELL_DEG = 0.005  # grid cell ~550 m north-south: a 500 m radius spans at most 3 × 3 cells
_DESCRIPTION_CHARS = 400


class LinkError(Exception):
    pass


# Words too common to say two texts are about the same thing (normalised fr, ar, en).
STOP_WORDS = frozenset(
    "les des une pour avec dans sur aux par est pas plus que qui son ses leur nos vos cette ces tous "
    "entre the and for with from that this into "
    "في من على الي عن مع هذا هذه التي الذي او ان"
    .split()
)


def trigrams(text):
    """Character trigrams of the meaningful normalised words, each padded so word starts count."""
    grams = set()
    for word in normalize(text).split():
        if len(word) < 3 or word in STOP_WORDS:
            continue
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a, b):
    """Dice coefficient of two trigram sets, 0 to 1."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def distance_m(lat1, lng1, lat2, lng2):
    # Equirectangular: exact enough at a few hundred metres, and fast.
    x = math.radians(lng2 - lng1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000 * math.hypot(x, y)


def idea_text(title, description):
    return f"{title} {title} {(description or '')[:_DESCRIPTION_CHARS]}"


@dataclass
class Target:
    """What we look for ideas near: an outcome, or a row of a preview not imported yet."""

    key: object
    text: str
    lat: float | None
    lng: float | None
    approximate: bool = False
    district_id: int | None = None
    exclude: frozenset = frozenset()


@dataclass
class Suggestion:
    idea_id: int
    title: str
    support_count: int
    score: float
    similarity: float
    distance: float | None


class CandidateIndex:
    """Published citizens' ideas with their trigrams, in a grid and by district."""

    def __init__(self, rows):
        self.ideas = {}
        self.grid = defaultdict(list)
        self.by_district = defaultdict(list)
        for idea_id, title, description, lat, lng, district_id, support in rows:
            self.ideas[idea_id] = (title, support, lat, lng, trigrams(idea_text(title, description)))
            if lat is not None and lng is not None:
                self.grid[(math.floor(lat / _CELL_DEG), math.floor(lng / _CELL_DEG))].append(idea_id)
            if district_id is not None:
                self.by_district[district_id].append(idea_id)

    @classmethod
    def load(cls, bbox=None):
        query = db.select(
            Idea.id, Idea.title, Idea.description, Idea.lat, Idea.lng, Idea.district_id, Idea.support_count
        ).where(Idea.status == IdeaStatus.PUBLISHED.value, Idea.source == IdeaSource.CITIZEN.value)
        if bbox:
            west, south, east, north = bbox
            query = query.where(Idea.lat.between(south, north), Idea.lng.between(west, east))
        return cls(db.session.execute(query).all())

    def _nearby(self, lat, lng):
        # Cells are square in degrees; a degree of longitude is shorter, so look wider east-west.
        row, col = math.floor(lat / _CELL_DEG), math.floor(lng / _CELL_DEG)
        span = 1 + int(1 / max(math.cos(math.radians(lat)), 0.2))
        for r in (row - 1, row, row + 1):
            for c in range(col - span, col + span + 1):
                yield from self.grid.get((r, c), ())

    def suggest(self, target, limit=5):
        """The best `limit` suggestions for `target`, highest score first."""
        if target.lat is None or target.lng is None:
            return []
        grams = trigrams(target.text)
        if target.approximate and target.district_id is not None:
            pool = ((i, None) for i in self.by_district.get(target.district_id, ()))
        else:
            pool = ((i, 0) for i in self._nearby(target.lat, target.lng))
        found = []
        for idea_id, _ in pool:
            if idea_id in target.exclude:
                continue
            title, support, lat, lng, idea_grams = self.ideas[idea_id]
            text_score = similarity(grams, idea_grams)
            if text_score < MIN_SIMILARITY:
                continue
            if target.approximate:
                distance, proximity = None, APPROXIMATE_PROXIMITY
            else:
                distance = distance_m(target.lat, target.lng, lat, lng)
                if distance > RADIUS_M:
                    continue
                proximity = 1 - distance / RADIUS_M
            score = TEXT_WEIGHT * min(1.0, text_score * 1.5) + (1 - TEXT_WEIGHT) * proximity
            found.append(Suggestion(idea_id, title, support, round(score, 3), round(text_score, 3), distance))
        found.sort(key=lambda s: (-s.score, s.idea_id))
        return found[:limit]


def outcome_target(outcome, exclude=()):
    idea = outcome.idea
    return Target(
        outcome.id,
        idea_text(idea.title, idea.description),
        idea.lat,
        idea.lng,
        idea.approximate,
        idea.district_id,
        frozenset(exclude),
    )


def suggestions_for_outcome(outcome, limit=5):
    """Suggestions for one outcome, leaving out ideas already linked or dismissed."""
    decided = db.session.scalars(db.select(Link.idea_id).where(Link.outcome_id == outcome.id)).all()
    idea = outcome.idea
    if idea.lat is None:
        return []
    pad = 0.01
    bbox = (idea.lng - pad * 1.3, idea.lat - pad, idea.lng + pad * 1.3, idea.lat + pad)
    index = CandidateIndex.load(None if idea.approximate else bbox)
    return index.suggest(outcome_target(outcome, decided), limit)


def link_idea(outcome, idea, relation, user, score=None):
    """Confirm a link between `outcome` and a citizen's `idea` (replacing a dismissal)."""
    relation = LinkRelation(relation).value
    if idea.source != IdeaSource.CITIZEN.value or idea.id == outcome.idea_id:
        raise LinkError("only citizens' ideas can be linked to an outcome")
    link = db.session.scalar(db.select(Link).filter_by(outcome_id=outcome.id, idea_id=idea.id))
    if link is None:
        link = Link(outcome=outcome, idea=idea)
        db.session.add(link)
    link.relation, link.state, link.score = relation, LinkState.CONFIRMED.value, score
    link.created_by = user
    db.session.flush()
    return link


def dismiss_suggestion(outcome, idea, user, score=None):
    """Remember that `idea` is not related to `outcome`, so it is not suggested again."""
    link = db.session.scalar(db.select(Link).filter_by(outcome_id=outcome.id, idea_id=idea.id))
    if link is None:
        link = Link(outcome=outcome, idea=idea)
        db.session.add(link)
    link.relation, link.state, link.score = None, LinkState.DISMISSED.value, score
    link.created_by = user
    db.session.flush()
    return link


def remove_link(link):
    db.session.delete(link)
    db.session.flush()
