"""Suggesting citizens' ideas for an outcome (nearby and similar text, fr and ar alike), and
confirming or dismissing the links facilitators and moderators choose."""

import math
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, or_

from app.creathon.models import Link, LinkRelation, LinkState
from app.creathon.text import normalize
from app.extensions import db
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea, IdeaSource

RADIUS_M = 500
TEXT_WEIGHT = 0.7
MIN_SIMILARITY = 0.12
APPROXIMATE_PROXIMITY = 0.4
_CELL_DEG = 0.0025  # grid cells of ~280 m × 230 m: a 500 m radius visits about 5 × 6 of them
_M_PER_DEG = 111_320
_DESCRIPTION_CHARS = 200
# Above this many ideas in a district, approximate outcomes compare with the best candidates
# of a trigram index rather than with every idea.
_DISTRICT_SCAN = 200
_DISTRICT_CANDIDATES = 40
_RARE_TRIGRAMS = 8


class LinkError(Exception):
    pass


def _linkable():
    """The ideas outcomes may be linked to, suggested and named on créathon pages: published
    citizens' ideas. Any other idea (pending, rejected, hidden...) is not public."""
    return (Idea.status == IdeaStatus.PUBLISHED.value, Idea.source == IdeaSource.CITIZEN.value)


def linkable_idea(idea_id):
    """The published citizen's idea with this id, or None whether the id is unknown or the
    idea is not public: the answer says nothing about ideas one may not see."""
    return db.session.scalar(db.select(Idea).where(Idea.id == idea_id, *_linkable()))


def _check_linkable(outcome, idea):
    if not idea.is_published or idea.source != IdeaSource.CITIZEN.value or idea.id == outcome.idea_id:
        raise LinkError("only published citizens' ideas can be linked to an outcome")


# Words too common to say two texts are about the same thing (normalised fr, ar, en).
STOP_WORDS = frozenset(
    "les des une pour avec dans sur aux par est pas plus que qui son ses leur nos vos cette ces tous "
    "entre the and for with from that this into "
    "في من على الي عن مع هذا هذه التي الذي او ان".split()
)


def trigrams(text):
    """Character trigrams of the meaningful normalised words, each padded so word starts count."""
    words = [w for w in normalize(text).split() if len(w) >= 3 and w not in STOP_WORDS]
    if not words:
        return frozenset()
    # Two spaces between words so that no trigram spans two words; the "x  " pieces this
    # leaves at word ends are removed afterwards (cheaper than testing every position).
    padded = "  " + "  ".join(words) + " "
    grams = {padded[i : i + 3] for i in range(len(padded) - 2)}
    grams.difference_update({word[-1] + "  " for word in words})
    return frozenset(grams)


_SIGNATURE_BYTES = 1024  # 8,192 bits: two unrelated 150-trigram texts share ~3 bits by chance
_BIT_OF = {}  # trigram -> its bit; a language has a few tens of thousands of trigrams


def signature(grams):
    """(bits, count): the trigrams hashed into a fixed-size bit set. Comparing two of them is
    an AND and a popcount, an order of magnitude faster than intersecting sets."""
    buffer = bytearray(_SIGNATURE_BYTES)
    if len(_BIT_OF) > 500_000:
        _BIT_OF.clear()
    for gram in grams:
        bit = _BIT_OF.get(gram)
        if bit is None:
            # crc32 rather than hash(): the same score in every worker process and every run.
            bit = _BIT_OF[gram] = zlib.crc32(gram.encode()) & (_SIGNATURE_BYTES * 8 - 1)
        buffer[bit >> 3] |= 1 << (bit & 7)
    bits = int.from_bytes(buffer, "little")
    return bits, bits.bit_count()


def idea_text(title, description):
    return f"{title} {(description or '')[:_DESCRIPTION_CHARS]}"


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
        self._postings = {}
        for idea_id, title, description, lat, lng, district_id, support in rows:
            grams = trigrams(idea_text(title, description))
            self.ideas[idea_id] = (title, support, lat, lng, grams, *signature(grams))
            if lat is not None and lng is not None:
                self.grid[(math.floor(lat / _CELL_DEG), math.floor(lng / _CELL_DEG))].append(idea_id)
            if district_id is not None:
                self.by_district[district_id].append(idea_id)

    @classmethod
    def load(cls, bbox=None):
        """Every published citizens' idea, or those inside `bbox` (west, south, east, north)."""
        query = cls._query()
        if bbox:
            west, south, east, north = bbox
            query = query.where(Idea.lat.between(south, north), Idea.lng.between(west, east))
        return cls(db.session.execute(query).all())

    @classmethod
    def around(cls, targets):
        """Only the ideas that can be suggested for `targets`: near their points, or in the
        districts of the approximate ones. One query, however spread out the targets are."""
        conditions, districts = [], set()
        for target in targets:
            if target.lat is None or target.lng is None:
                continue
            if target.approximate and target.district_id is not None:
                districts.add(target.district_id)
                continue
            dlat = RADIUS_M / _M_PER_DEG
            dlng = dlat / max(math.cos(math.radians(target.lat)), 0.2)
            conditions.append(
                and_(
                    Idea.lat.between(target.lat - dlat, target.lat + dlat),
                    Idea.lng.between(target.lng - dlng, target.lng + dlng),
                )
            )
        if districts:
            conditions.append(Idea.district_id.in_(districts))
        if not conditions:
            return cls([])
        return cls(db.session.execute(cls._query().where(or_(*conditions))).all())

    @staticmethod
    def _query():
        return db.select(
            Idea.id, Idea.title, Idea.description, Idea.lat, Idea.lng, Idea.district_id, Idea.support_count
        ).where(*_linkable())

    def _nearby(self, lat, lng):
        """Ideas within RADIUS_M of the point, with their distance."""
        dlat = RADIUS_M / _M_PER_DEG
        dlng = dlat / max(math.cos(math.radians(lat)), 0.2)
        rows = range(math.floor((lat - dlat) / _CELL_DEG), math.floor((lat + dlat) / _CELL_DEG) + 1)
        cols = range(math.floor((lng - dlng) / _CELL_DEG), math.floor((lng + dlng) / _CELL_DEG) + 1)
        ideas, grid = self.ideas, self.grid
        # Squared equirectangular distance, inlined: this loop runs for every idea nearby.
        kx, ky, limit = math.cos(math.radians(lat)) * _M_PER_DEG, _M_PER_DEG, RADIUS_M * RADIUS_M
        for r in rows:
            for c in cols:
                for idea_id in grid.get((r, c), ()):
                    idea = ideas[idea_id]
                    dx, dy = (idea[3] - lng) * kx, (idea[2] - lat) * ky
                    d2 = dx * dx + dy * dy
                    if d2 <= limit:
                        yield idea_id, math.sqrt(d2)

    def _district_postings(self, district_id):
        postings = self._postings.get(district_id)
        if postings is None:
            postings = defaultdict(list)
            for idea_id in self.by_district.get(district_id, ()):
                for gram in self.ideas[idea_id][4]:
                    postings[gram].append(idea_id)
            self._postings[district_id] = postings
        return postings

    def _in_district(self, district_id, grams):
        ideas = self.by_district.get(district_id, ())
        if len(ideas) <= _DISTRICT_SCAN:
            return ideas
        # The query's rarest trigrams say most about which ideas are alike, and cost least.
        postings = self._district_postings(district_id)
        lists = sorted((postings[g] for g in grams if g in postings), key=len)
        counts = Counter()
        for ids in lists[:_RARE_TRIGRAMS]:
            counts.update(ids)
        return [idea_id for idea_id, _count in counts.most_common(_DISTRICT_CANDIDATES)]

    def suggest(self, target, limit=5):
        """The best `limit` suggestions for `target`, highest score first."""
        if target.lat is None or target.lng is None:
            return []
        grams = trigrams(target.text)
        if not grams:
            return []
        if target.approximate and target.district_id is not None:
            pool = ((idea_id, None) for idea_id in self._in_district(target.district_id, grams))
        else:
            pool = self._nearby(target.lat, target.lng)
        found = []
        bits, count = signature(grams)
        exclude, ideas = target.exclude, self.ideas
        for idea_id, distance in pool:
            if idea_id in exclude:
                continue
            idea = ideas[idea_id]
            text_score = 2 * (bits & idea[5]).bit_count() / (count + idea[6]) if idea[6] else 0.0
            if text_score < MIN_SIMILARITY:
                continue
            proximity = APPROXIMATE_PROXIMITY if distance is None else 1 - distance / RADIUS_M
            score = TEXT_WEIGHT * min(1.0, text_score * 1.5) + (1 - TEXT_WEIGHT) * proximity
            found.append((score, idea_id, text_score, distance))
        found.sort(key=lambda item: (-item[0], item[1]))
        return [
            Suggestion(
                idea_id,
                ideas[idea_id][0],
                ideas[idea_id][1],
                round(score, 3),
                round(text_score, 3),
                None if distance is None else round(distance),
            )
            for score, idea_id, text_score, distance in found[:limit]
        ]


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
    target = outcome_target(outcome, decided)
    return CandidateIndex.around([target]).suggest(target, limit)


def link_idea(outcome, idea, relation, user, score=None):
    """Confirm a link between `outcome` and a citizen's `idea` (replacing a dismissal)."""
    relation = LinkRelation(relation).value
    _check_linkable(outcome, idea)
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
    _check_linkable(outcome, idea)
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
