"""The queue and the decisions as spreadsheets (CSV for any tool, XLSX for Excel)."""

import csv
import io

from flask_babel import get_locale
from flask_babel import gettext as _

from app.moderation.labels import ACTION_LABELS, reason_label

EXPORT_LIMIT = 50_000
# A cell starting with one of these is a formula to a spreadsheet: it is written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def queue_rows(items, claims):
    """Header and rows of a queue export, in the staff member's language."""
    code = str(get_locale())
    header = [
        _("Number"),
        _("Type"),
        _("Title"),
        _("Category"),
        _("District"),
        _("Received"),
        _("Author"),
        _("Held by"),
        _("Open reports"),
    ]
    rows = []
    for item in items:
        correction = getattr(item, "is_correction", False)
        idea = item.idea if correction else item
        if correction:
            kind = _("Correction proposed by the author")
        elif idea.status == "pending":
            kind = _("Créathon import") if idea.source == "creathon" else _("New idea")
        else:
            kind = _("Reported idea")
        claim = claims.get(idea.id)
        rows.append(
            [
                idea.id,
                kind,
                item.title,
                idea.category.name(code),
                idea.district.name(code) if idea.district else "",
                item.created_at.replace(microsecond=0),
                item.author.display_name if item.author else "",
                claim.user.display_name if claim else "",
                idea.open_reports,
            ]
        )
    return header, rows


def decision_rows(rows):
    """Header and rows of an audit log export (rows from teamqueries.audit_rows); each label is
    translated once for the whole file."""
    header = [_("Date"), _("Moderator"), _("Action"), _("Idea"), _("Title"), _("Reason"), _("Message")]
    actions = {code: str(label) for code, label in ACTION_LABELS.items()}
    automatic = _("automatic")
    reasons = {}
    out = []
    for at, actor, action, idea_id, title, reason, message in rows:
        if reason and action != "public_status" and reason not in reasons:
            reasons[reason] = reason_label(reason)
        out.append(
            [
                at.replace(microsecond=0),
                actor or automatic,
                actions.get(action, action),
                idea_id or "",
                title or "",
                reasons.get(reason, reason or "") if action != "public_status" else (reason or ""),
                message or "",
            ]
        )
    return header, out


def as_csv(header, rows):
    """UTF-8 with a byte order mark, so that Excel reads Arabic and accents right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v.isoformat(sep=" ") if hasattr(v, "isoformat") else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(header, rows, title):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
