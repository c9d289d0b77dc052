"""Possible duplicates: published ideas near an item whose titles look alike (read-only)."""

import math
import threading
from collections import defaultdict

from cachetools import LRUCache
from flask import current_app
from sqlalchemy import and_, or_, select

from app.extensions import db
from app.geometry.distance import bbox_around, distance_m
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import Idea
from app.ideas.services import DUPLICATE_RADIUS_M, DUPLICATE_THRESHOLD
from app.ideas.similarity import overlap, trigrams
from app.mapindex.aggregates import area_fingerprints
from app.moderation.models import LAT_BAND, LAT_BANDS_PER_DEGREE


def _lat_bands(south, north):
    # SQLite truncates a cast to integer and PostgreSQL rounds: take the bands of both.
    return list(range(math.floor(south * LAT_BANDS_PER_DEGREE), math.ceil(north * LAT_BANDS_PER_DEGREE) + 1))


class _Found:
    """Found duplicates per (item, its title and place, the fingerprint of the published ideas
    around it): moderators reopen the same first page after every decision, and an answer stays
    right until an idea is published, withdrawn or moved near the item (or the item changes). A
    published neighbour's new title is seen once its surroundings change. One per app, as the
    answers belong to its database."""

    def __init__(self):
        self.cache = LRUCache(maxsize=20_000)
        self.lock = threading.Lock()


_FOUND_KEY = "moderation.found_duplicates"


def found_duplicates():
    """This app's memory of found duplicates, made on its first use."""
    extensions = current_app.extensions
    found = extensions.get(_FOUND_KEY)
    if found is None:
        found = extensions.setdefault(_FOUND_KEY, _Found())
    return found


def forget_found():
    """Empty this app's memory (to time a search from nothing)."""
    found = found_duplicates()
    with found.lock:
        found.cache.clear()


def duplicates_by_idea(ideas, limit=3):
    """{idea id: [(row, similarity, metres)]}: published ideas within ~300 m whose titles look
    alike, most similar first, for a whole page of items. Items whose surroundings did not change
    since they were last searched are answered from memory; the rest are searched together."""
    placed = [idea for idea in ideas if idea.is_placed]
    found = {idea.id: [] for idea in ideas}
    if not placed:
        return found
    boxes = [bbox_around(idea.lat, idea.lng, DUPLICATE_RADIUS_M) for idea in placed]
    fingerprints = area_fingerprints(db.session.connection(), boxes)
    keys = [
        (idea.id, idea.title, idea.lat, idea.lng, limit, fingerprint)
        for idea, fingerprint in zip(placed, fingerprints, strict=True)
    ]
    memory = found_duplicates()
    with memory.lock:
        matches = {key[0]: memory.cache.get(key) for key in keys}
    missing = [(idea, box) for idea, box in zip(placed, boxes, strict=True) if matches[idea.id] is None]
    if missing:
        searched = _search([idea for idea, _box in missing], [box for _idea, box in missing], limit)
        matches.update(searched)
        with memory.lock:
            for key in keys:
                if key[0] in searched:
                    memory.cache[key] = searched[key[0]]
    # Titles and support counts are read fresh: only which ideas match is remembered.
    ids = {match_id for found_matches in matches.values() for match_id, _score, _m in found_matches}
    rows = {}
    if ids:
        query = select(Idea.id, Idea.title, Idea.lat, Idea.lng, Idea.support_count).where(
            Idea.id.in_(ids), Idea.status == IdeaStatus.PUBLISHED.value
        )
        rows = {row.id: row for row in db.session.execute(query)}
    for idea_id, found_matches in matches.items():
        found[idea_id] = [(rows[i], score, meters) for i, score, meters in found_matches if i in rows]
    return found


def _search(placed, boxes, limit):
    """{idea id: [(id, similarity, metres)]} for these items, in one query (the union of their
    boxes, read through the latitude band index); the titles are compared here."""
    found = {idea.id: [] for idea in placed}
    candidates = db.session.execute(
        select(Idea.id, Idea.title, Idea.lat, Idea.lng).where(
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
                row_id, title, row_lat, row_lng = row
                if row_id == idea_id or not (south <= row_lat <= north and west <= row_lng <= east):
                    continue
                meters = distance_m(lat, lng, row_lat, row_lng)
                if meters > DUPLICATE_RADIUS_M:
                    continue
                if title not in grams_of:
                    grams_of[title] = trigrams(title)
                score = overlap(grams, grams_of[title])
                if score >= DUPLICATE_THRESHOLD:
                    matches.append((row_id, score, round(meters)))
        matches.sort(key=lambda item: (-item[1], item[2], item[0]))
        del matches[limit:]
    return found


def possible_duplicates(idea, limit=5):
    """Published ideas within ~300 m whose titles look alike, most similar first."""
    return duplicates_by_idea([idea], limit)[idea.id]
