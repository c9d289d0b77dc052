"""Possible duplicates: published ideas near an item whose titles look alike (read-only)."""

import math
from collections import defaultdict

from sqlalchemy import and_, or_, select

from app.extensions import db
from app.geo.distance import bbox_around, distance_m
from app.ideas.models import Idea, IdeaStatus
from app.ideas.services import DUPLICATE_RADIUS_M, DUPLICATE_THRESHOLD
from app.ideas.similarity import overlap, trigrams
from app.moderation.models import LAT_BAND, LAT_BANDS_PER_DEGREE


def _lat_bands(south, north):
    # SQLite truncates a cast to integer and PostgreSQL rounds: take the bands of both.
    return list(range(math.floor(south * LAT_BANDS_PER_DEGREE), math.ceil(north * LAT_BANDS_PER_DEGREE) + 1))


def duplicates_by_idea(ideas, limit=3):
    """{idea id: [(row, similarity, metres)]}: published ideas within ~300 m whose titles look
    alike, most similar first, for a whole page of items in one query (the union of their boxes,
    read through the latitude band index); the titles are compared here."""
    placed = [idea for idea in ideas if idea.is_placed]
    found = {idea.id: [] for idea in ideas}
    if not placed:
        return found
    boxes = [bbox_around(idea.lat, idea.lng, DUPLICATE_RADIUS_M) for idea in placed]
    candidates = db.session.execute(
        select(Idea.id, Idea.title, Idea.lat, Idea.lng, Idea.support_count).where(
            # The status inside each box, so that SQLite too reads each box as an index range.
            or_(
                *(
                    and_(
                        Idea.status == IdeaStatus.PUBLISHED.value,
                        LAT_BAND.in_(_lat_bands(south, north)),
                        Idea.lat.between(south, north),
                        Idea.lng.between(west, east),
                    )
                    for west, south, east, north in boxes
                )
            )
        )
    ).all()
    by_band = defaultdict(list)  # each item then looks only at the candidates of its own bands
    for row in candidates:
        by_band[math.floor(row.lat * LAT_BANDS_PER_DEGREE)].append(row)
    grams_of = {}  # many candidates share a title, and each is compared with several items
    for idea, (west, south, east, north) in zip(placed, boxes, strict=True):
        idea_id, lat, lng, grams = idea.id, idea.lat, idea.lng, trigrams(idea.title)
        matches = found[idea_id]
        for band in range(
            math.floor(south * LAT_BANDS_PER_DEGREE), math.floor(north * LAT_BANDS_PER_DEGREE) + 1
        ):
            for row in by_band.get(band, ()):
                row_id, title, row_lat, row_lng, _supports = row
                if row_id == idea_id or not (south <= row_lat <= north and west <= row_lng <= east):
                    continue
                meters = distance_m(lat, lng, row_lat, row_lng)
                if meters > DUPLICATE_RADIUS_M:
                    continue
                if title not in grams_of:
                    grams_of[title] = trigrams(title)
                score = overlap(grams, grams_of[title])
                if score >= DUPLICATE_THRESHOLD:
                    matches.append((row, score, round(meters)))
        matches.sort(key=lambda item: (-item[1], item[2], item[0].id))
        del matches[limit:]
    return found


def possible_duplicates(idea, limit=5):
    """Published ideas within ~300 m whose titles look alike, most similar first."""
    return duplicates_by_idea([idea], limit)[idea.id]
