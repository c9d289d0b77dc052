"""Translated labels for reason codes, report targets and the city's public statuses."""

from flask import url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from app.moderation import texts

REJECT_REASON_LABELS = {
    "off_topic": _l("Not about public space or mobility"),
    "duplicate": _l("Duplicate of an existing idea"),
    "offensive": _l("Offensive or disrespectful content"),
    "personal_data": _l("Contains personal data"),
    "advertising": _l("Advertising or commercial content"),
    "outside_area": _l("Outside the city's area"),
    "not_municipal": _l("Not within the city's responsibilities"),
    "other": _l("Other reason"),
}
HIDE_REASON_LABELS = {
    "spam": _l("Spam"),
    "offensive": _l("Offensive or disrespectful content"),
    "personal_data": _l("Contains personal data"),
    "off_topic": _l("Not about public space or mobility"),
    "legal": _l("Unlawful content"),
    "other": _l("Other reason"),
}
REPORT_REASON_LABELS = {
    "spam": _l("Spam"),
    "offensive": _l("Offensive or disrespectful content"),
    "personal_data": _l("Contains personal data"),
    "off_topic": _l("Not about public space or mobility"),
    "duplicate": _l("Duplicate of an existing idea"),
    "other": _l("Other reason"),
}
REPORT_TARGET_LABELS = {"idea": _l("The idea's text"), "photo": _l("The photo")}
PUBLIC_STATUS_LABELS = {
    "under_study": _l("Under study"),
    "accepted": _l("Accepted"),
    "planned": _l("Planned"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "not_retained": _l("Not retained"),
}
# Who signs the city's answer: the city itself or one of its departments.
SIGNATURE_LABELS = {
    "city": _l("The City of Casablanca"),
    "mobility": _l("Mobility department"),
    "public_space": _l("Public spaces department"),
    "works": _l("Public works department"),
    "environment": _l("Parks and environment department"),
}
ACTION_LABELS = {
    "approve": _l("Published"),
    "reject": _l("Rejected"),
    "request_changes": _l("Changes requested"),
    "hide": _l("Hidden"),
    "restore": _l("Restored"),
    "merge": _l("Merged into another idea"),
    "correct": _l("Category or location corrected"),
    "block_user": _l("Account blocked"),
    "dismiss_reports": _l("Reports dismissed"),
    "auto_hide": _l("Hidden after several reports"),
    "public_status": _l("City's answer"),
    "approve_edit": _l("Author's correction approved"),
    "reject_edit": _l("Author's correction rejected"),
    "undo": _l("Decision undone"),
}


def reason_label(code):
    """The label of any reason code (rejection, hiding or report), or the code itself; an
    admin's wording of a rejection reason in the active language comes first."""
    if code in REJECT_REASON_LABELS:
        custom_text = texts.custom(texts.reason_key(code))
        if custom_text:
            return custom_text
    for table in (REJECT_REASON_LABELS, HIDE_REASON_LABELS, REPORT_REASON_LABELS):
        if code in table:
            return str(table[code])
    return code or ""


def reject_reason_labels():
    """{code: label} of the rejection reasons as the active language words them now."""
    return {code: reason_label(code) for code in REJECT_REASON_LABELS}


def public_status_label(code):
    return str(PUBLIC_STATUS_LABELS.get(code, code or ""))


def item_texts():
    """Texts of an item's facts (place, author, duplicates), translated once for a whole queue
    page rather than once per item; formats keep their %(…)s for the template to fill."""
    return {
        "place": gettext("Place"),
        "point": gettext("Point on the map"),
        "approximate": gettext("approximate"),
        "osm": gettext("See on OpenStreetMap (opens a new tab)"),
        "no_place": gettext("No place given"),
        "author": gettext("Author"),
        "blocked": gettext("blocked"),
        "author_line": gettext(
            "Ideas: %(ideas)s · earlier rejections: %(rejected)s · account created on %(date)s"
        ),
        "no_author": gettext("Imported without an author account"),
        "duplicates": gettext("Possible duplicates nearby"),
        "duplicate_line": gettext("%(meters)s m away · title %(percent)s%% similar · supports: %(supports)s"),
        "no_duplicates": gettext("No published idea with a similar title within 300 m."),
        # An idea's page is this prefix and its id (built once, not once per link).
        "idea_root": url_for("ideas.detail", idea_id=0)[:-1],
    }
