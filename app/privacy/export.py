"""A resident's data as a ZIP of JSON files, written as it is sent: rows are read in batches
and the archive leaves in chunks, so thousands of supports never sit in a worker's memory."""

import json
import zipfile
from pathlib import Path

from flask import render_template
from flask_babel import force_locale
from sqlalchemy import select

from app.comments.models import Comment
from app.core.dates import moment
from app.core.time import utcnow
from app.extensions import db
from app.follows.models import Follow
from app.ideas.models import Idea
from app.ideas.queries import home_district
from app.moderation.models import IdeaEdit, ModerationAction, PublicStatusEntry, Report
from app.notifications.messages import notification_text
from app.notifications.models import Notification
from app.privacy.models import Consent
from app.relays.models import AssistedIdea
from app.votes.models import Vote

CHUNK_BYTES = 64 * 1024
BATCH_ROWS = 500
# (file, what it holds, in the README): the README template lists them in this order.
FILES = (
    "profile.json",
    "ideas.json",
    "supports.json",
    "reports.json",
    "comments.json",
    "follows.json",
    "notifications.json",
    "consents.json",
    "logins.json",
)


class _Sink:
    """What zipfile writes to: bytes gathered until the generator hands them on. It has no
    tell() nor seek(): zipfile then writes each entry's sizes after its data (streaming mode)."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def write(self, data):
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def _iso(value):
    return value.isoformat() + "Z" if value is not None else None


def _dump(value):
    return json.dumps(value, ensure_ascii=False, indent=2).encode()


def _rows(statement, scalars=True):
    # Batches of rows, not the whole result: a resident with 10,000 supports is read 500 at a time.
    result = db.session.execute(statement.execution_options(yield_per=BATCH_ROWS))
    return result.scalars() if scalars else result


def profile(user):
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "role": user.role,
        "created_at": _iso(user.created_at),
        "email_verified_at": _iso(user.email_verified_at),
        "is_blocked": user.is_blocked,
        "district": district.slug if (district := home_district(user)) else None,
    }


def _idea(idea):
    # The decisions about the idea without who took them: another person's name is not the
    # resident's data.
    actions = db.session.scalars(
        select(ModerationAction).where(ModerationAction.idea_id == idea.id).order_by(ModerationAction.id)
    )
    edits = db.session.scalars(select(IdeaEdit).where(IdeaEdit.idea_id == idea.id).order_by(IdeaEdit.id))
    answers = db.session.scalars(
        select(PublicStatusEntry).where(PublicStatusEntry.idea_id == idea.id).order_by(PublicStatusEntry.id)
    )
    return {
        "id": idea.id,
        "title": idea.title,
        "description": idea.description,
        "category": idea.category.slug,
        "status": idea.status,
        "language": idea.language,
        "lat": idea.lat,
        "lng": idea.lng,
        "place_label": idea.place_label,
        "district": idea.district.slug if idea.district else None,
        "photo": f"photos/{idea.photo}" if idea.photo else None,
        "support_count": idea.support_count,
        "public_status": idea.public_status,
        "created_at": _iso(idea.created_at),
        "updated_at": _iso(idea.updated_at),
        "published_at": _iso(idea.published_at),
        "history": [
            {"action": a.action, "reason": a.reason, "message": a.message, "at": _iso(a.created_at)}
            for a in actions
            if a.action not in ("block_user",)
        ],
        "corrections_proposed": [
            {
                "title": e.title,
                "description": e.description,
                "status": e.status,
                "reason": e.reason,
                "message": e.message,
                "created_at": _iso(e.created_at),
                "decided_at": _iso(e.decided_at),
            }
            for e in edits
            if e.author_id == idea.author_id
        ],
        "public_answers": [
            {"status": s.status, "explanation": s.explanation, "at": _iso(s.created_at)} for s in answers
        ],
    }


def _support(row):
    return {"idea_id": row.idea_id, "idea_title": row.title, "created_at": _iso(row.created_at)}


def _report(report):
    return {
        "idea_id": report.idea_id,
        "target": report.target,
        "reason": report.reason,
        "details": report.details,
        "status": report.status,
        "created_at": _iso(report.created_at),
    }


def _comment(comment):
    return {
        "id": comment.id,
        "idea_id": comment.idea_id,
        "reply_to": comment.parent_id,
        "text": comment.body,
        "language": comment.language,
        "stance": comment.stance,
        "as_the_city": comment.is_official,
        "status": comment.status,
        "supports": comment.support_count,
        "created_at": _iso(comment.created_at),
        "edited_at": _iso(comment.edited_at),
    }


def _follow(follow):
    target = next(t for t in ("idea", "district", "category", "event") if getattr(follow, f"{t}_id"))
    return {"follows": target, "id": getattr(follow, f"{target}_id"), "since": _iso(follow.created_at)}


def _notification(notification):
    return {
        "kind": notification.kind,
        "idea_id": notification.idea_id,
        "text": notification_text(notification.kind, notification.params),
        "params": notification.params,
        "is_read": notification.is_read,
        "created_at": _iso(notification.created_at),
    }


def _assisted(assisted):
    """What a relay recorded for the resident, for ideas their account has claimed."""
    return {
        "idea_id": assisted.idea_id,
        "organisation": assisted.organisation,
        "name_shown": assisted.resident_name,
        "phone": assisted.phone,
        "email": assisted.email,
        "language": assisted.language,
        "channel": assisted.channel,
        "consent_given_by": assisted.consent_by,
        "consent_at": _iso(assisted.consent_at),
        "consent_for": assisted.consent_scope,
        "claimed_at": _iso(assisted.claimed_at),
    }


def _consent(consent):
    return {"notice_version": consent.notice_version, "accepted_at": _iso(consent.accepted_at)}


_SUPPORTS = (
    select(Vote.idea_id, Idea.title, Vote.created_at).join(Idea, Idea.id == Vote.idea_id).order_by(Vote.id)
)


def _lists(user):
    """(file name, rows, row → dict) of every list file."""
    mine = Idea.author_id == user.id
    return (
        ("ideas.json", _rows(select(Idea).where(mine).order_by(Idea.id)), _idea),
        ("supports.json", _rows(_SUPPORTS.where(Vote.user_id == user.id), scalars=False), _support),
        (
            "reports.json",
            _rows(select(Report).where(Report.reporter_id == user.id).order_by(Report.id)),
            _report,
        ),
        (
            "comments.json",
            _rows(select(Comment).where(Comment.author_id == user.id).order_by(Comment.id)),
            _comment,
        ),
        (
            "follows.json",
            _rows(select(Follow).where(Follow.user_id == user.id).order_by(Follow.id)),
            _follow,
        ),
        (
            "notifications.json",
            _rows(select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)),
            _notification,
        ),
        (
            "assisted.json",
            _rows(
                select(AssistedIdea)
                .where(AssistedIdea.claimed_by_id == user.id)
                .order_by(AssistedIdea.idea_id)
            ),
            _assisted,
        ),
        (
            "consents.json",
            _rows(select(Consent).where(Consent.user_id == user.id).order_by(Consent.id)),
            _consent,
        ),
    )


def archive_chunks(user, upload_dir):
    """The bytes of the resident's archive, in chunks of about CHUNK_BYTES. Texts (notifications,
    README) are in the resident's own language."""
    sink = _Sink()
    with force_locale(user.language or "fr"), zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            render_template("privacy/export_readme.txt", user=user, exported=moment(utcnow())),
        )
        archive.writestr("profile.json", _dump(profile(user)))
        photos = []
        for name, rows, shape in _lists(user):
            with archive.open(name, "w", force_zip64=True) as out:
                out.write(b"[")
                for index, row in enumerate(rows):
                    data = shape(row)
                    if name == "ideas.json" and data["photo"]:
                        photos.append(row.photo)
                    out.write((b",\n" if index else b"\n") + _dump(data))
                    if sink.size >= CHUNK_BYTES:
                        yield sink.take()
                out.write(b"\n]\n")
            yield sink.take()
        archive.writestr(
            "logins.json",
            _dump({"sign_ins_kept": [], "note": render_template("privacy/export_logins.txt").strip()}),
        )
        for photo in photos:
            path = Path(upload_dir) / photo
            if path.is_file():
                archive.write(path, f"photos/{photo}")
                yield sink.take()
    yield sink.take()
