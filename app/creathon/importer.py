"""Preview and apply an outcome import: each row created, updated, unchanged or in error;
applied all or nothing, idempotent on re-import."""

import hashlib
import json
import re
from dataclasses import dataclass, field, replace

from flask import current_app, has_request_context
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert

from app.core.time import utcnow
from app.creathon import storage
from app.creathon.mapping import check_mapping, ignored_columns
from app.creathon.matching import Lookalikes, decide, existing_outcomes
from app.creathon.models import ImportRecord, Outcome
from app.creathon.options import ImportOptions
from app.creathon.places import CategoryIndex, PlaceIndex
from app.creathon.rows import parse_row
from app.creathon.text import guess_language
from app.extensions import db
from app.ideas import services as ideas_services
from app.ideas.lifecycle import IdeaStatus
from app.ideas.models import IdeaSource

ACTIONS = ("create", "update", "unchanged", "skip", "error")
# What a file saved in Windows-1252 holds where its Arabic text was.
_LOST_LETTERS = re.compile(r"\?{3,}")


class DecisionNeeded(Exception):
    """New rows look like existing outcomes and nobody chose to skip or create them."""

    def __init__(self, preview):
        super().__init__(f"{len(preview.lookalikes)} rows look like existing outcomes")
        self.preview = preview


class ImportRejected(Exception):
    """The file has errors: nothing was written."""

    def __init__(self, preview):
        super().__init__(f"{preview.counts['error']} rows in error")
        self.preview = preview


@dataclass
class Preview:
    rows: list
    options: ImportOptions = field(default_factory=ImportOptions)
    ignored: list = field(default_factory=list)
    # Unknown category cells as written, by normalised value.
    unknown_categories: dict = field(default_factory=dict)
    # Line numbers of rows holding runs of "???" where letters were lost.
    lost_letters: list = field(default_factory=list)

    @property
    def counts(self):
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def has_errors(self):
        return any(row.errors for row in self.rows)

    @property
    def lookalikes(self):
        return [row for row in self.rows if row.looks_like is not None and not row.errors]

    @property
    def needs_decision(self):
        """New rows look like existing outcomes and the facilitator has not said what to do."""
        return bool(self.lookalikes) and self.options.duplicates is None

    @property
    def amendments(self):
        return [row for row in self.rows if row.amendment]

    def errors(self):
        return [{"line": r.line, "message": str(m)} for r in self.rows for m in r.errors]

    def notes(self):
        return [{"line": r.line, "message": str(m)} for r in self.rows if not r.errors for m in r.notes]


def preview_rows(event, rows, mapping, header=None, *, area, options=None):
    """What importing `rows` into `event` would do, row by row; writes nothing. Points must lie
    in `area` (app.geometry.polygons.service_area, as for proposals)."""
    options = replace(options or ImportOptions())
    if options.publish is None:
        options.publish = event.publish_directly
    if header is not None:
        check_mapping(mapping, header)
    places, categories = PlaceIndex.load(), CategoryIndex.load(options)
    outcomes = existing_outcomes(event)
    existing = {outcome.match_key: outcome for outcome in outcomes}
    lookalikes = Lookalikes(outcomes)
    seen = {}
    parsed_rows = []
    lost_letters = []
    for row in rows:
        if any(_LOST_LETTERS.search(value) for value in row.values):
            lost_letters.append(row.line)
        parsed = parse_row(row, mapping, area)
        if parsed.action == "skip":
            # Amendments and withdrawn proposals are not imported: their cells do not matter.
            parsed.errors.clear()
            parsed_rows.append(parsed)
            continue
        if not parsed.errors:
            categories.resolve(parsed)
            places.resolve(parsed)
            first_line = seen.setdefault(parsed.key, parsed.line)
            if first_line != parsed.line:
                parsed.errors.append(_duplicate_message(parsed, first_line))
        if not parsed.errors and parsed.action != "skip":
            decide(parsed, existing, lookalikes, options)
        parsed_rows.append(parsed)
    return Preview(
        parsed_rows,
        options=options,
        ignored=ignored_columns(mapping, header) if header is not None else [],
        unknown_categories=categories.unknown,
        lost_letters=lost_letters,
    )


def _duplicate_message(parsed, first_line):
    if parsed.identifier:
        return _l(
            "The identifier “%(value)s” is already used on line %(line)s.",
            value=parsed.identifier,
            line=first_line,
        )
    return _l("The same title and team are already on line %(line)s.", line=first_line)


def import_rows(
    event,
    rows,
    mapping,
    *,
    area,
    user=None,
    filename="import",
    data=b"",
    header=None,
    progress=None,
    options=None,
):
    """Apply an import to `event` and record it; raise ImportRejected (nothing written) when
    any row is in error (a point outside `area` is one), DecisionNeeded when rows look like
    existing outcomes and `options` do not say what to do with them. Flushes; the caller
    commits once and calls `discard_file` on failure."""
    preview = preview_rows(event, rows, mapping, header=header, area=area, options=options)
    if preview.has_errors:
        raise ImportRejected(preview)
    if preview.needs_decision:
        raise DecisionNeeded(preview)
    db.session.flush()  # the event needs its id before rows point at it
    _insert_new(
        event, [row for row in preview.rows if row.action == "create"], progress, preview.options.publish
    )
    for row in preview.rows:
        if row.action == "update":
            _apply(row, row.outcome, row.outcome.idea)
        if progress and row.action != "create":
            progress(1)
    record = _record(event, preview, user, filename, data)
    try:
        db.session.flush()
    except Exception:
        discard_file(record)
        raise
    return record, preview


def _insert_new(event, rows, progress, published, batch=1000):
    """New ideas and their outcomes in bulk INSERTs: thousands of rows in seconds, not minutes."""
    now = utcnow()
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        ideas = [
            {
                "title": row.title,
                "description": row.description,
                "category_id": row.category_id,
                "lat": row.lat,
                "lng": row.lng,
                "approximate": row.approximate,
                "place_label": row.place or None,
                "district_id": row.district_id,
                "author_id": None,
                "source": IdeaSource.CREATHON.value,
                "status": IdeaStatus.PUBLISHED.value if published else IdeaStatus.PENDING.value,
                "published_at": now if published else None,
                "language": guess_language(f"{row.title} {row.description}"),
                "support_count": 0,
                "public_status": row.public_status,
                "created_at": now,
                "updated_at": now,
            }
            for row in chunk
        ]
        ids = ideas_services.add_imported_ideas(ideas)
        outcomes = [
            {
                "event_id": event.id,
                "idea_id": idea_id,
                "match_key": row.key,
                "team": row.team or None,
                "rank": row.rank,
                "external_id": row.identifier or None,
                "title_ar": row.title_ar or None,
                "answer": row.answer or None,
                "unplaced": row.unplaced,
                "created_at": now,
                "updated_at": now,
            }
            for row, idea_id in zip(chunk, ids, strict=True)
        ]
        db.session.execute(insert(Outcome), outcomes)
        if progress:
            progress(len(chunk))


def _apply(row, outcome, idea):
    ideas_services.revise_imported_idea(
        idea,
        title=row.title,
        description=row.description,
        category_id=row.category_id,
        lat=row.lat,
        lng=row.lng,
        approximate=row.approximate,
        place_label=row.place or None,
        district_id=row.district_id,
        language=guess_language(f"{row.title} {row.description}"),
        **({"public_status": row.public_status} if row.public_status is not None else {}),
    )
    outcome.title_ar = row.title_ar or None
    outcome.answer = row.answer or None
    outcome.team = row.team or None
    outcome.rank = row.rank
    outcome.external_id = row.identifier or None
    outcome.unplaced = row.unplaced


def _messages(preview):
    # Stored in the importer's language; outside a request (a seed script), the site's default.
    if has_request_context():
        return preview.errors() + preview.notes()
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return preview.errors() + preview.notes()


def _record(event, preview, user, filename, data):
    counts = preview.counts
    digest = hashlib.sha256(data).hexdigest()
    record = ImportRecord(
        event=event,
        filename=storage.safe_filename(filename),
        sha256=digest,
        size=len(data),
        user_id=user.id if user is not None else None,
        created_count=counts["create"],
        updated_count=counts["update"],
        unchanged_count=counts["unchanged"],
        skipped_count=counts["skip"],
        published=preview.options.publish,
        error_count=counts["error"],
        errors=json.dumps(_messages(preview), ensure_ascii=False),
    )
    record.stored_name = storage.store_import_file(data, filename, digest)
    db.session.add(record)
    return record


def discard_file(record):
    """Remove the stored copy of an import whose transaction did not commit."""
    if record is not None:
        storage.delete_import_file(record.stored_name)
