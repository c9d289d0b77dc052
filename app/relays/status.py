"""Telling residents helped by a relay what became of their idea: published, answered or
rejected. The text leaves from the worker, by SMS and by mail, in the resident's language."""

from flask_babel import force_locale
from flask_babel import gettext as _

from app.core.mail import send_mail
from app.core.urls import external_url
from app.extensions import db
from app.jobs.services import queue
from app.moderation.labels import PUBLIC_STATUS_LABELS, REJECT_REASON_LABELS
from app.relays import audit
from app.relays.models import AssistedIdea
from app.relays.sms import sms_backend

OUTCOMES = ("published", "answered", "rejected")
TITLE_CHARS = 40


def tell_resident(idea, outcome, **params):
    """Queue the SMS and the mail for after the commit, for the phone and the address the
    resident left; one job each, so that a mail tried again never sends the SMS twice."""
    assisted = db.session.get(AssistedIdea, idea.id)
    if assisted is None or outcome not in OUTCOMES:
        return []
    jobs = []
    for medium, wanted in (("sms", assisted.phone), ("mail", assisted.email)):
        if wanted:
            payload = {"idea_id": idea.id, "outcome": outcome, "medium": medium, "params": params}
            key = f"relay_status:{idea.id}:published:{medium}" if outcome == "published" else None
            jobs.append(queue("relay_status", payload, key=key))
    return jobs


def short_url(idea_id):
    return external_url("relays.short_link", idea_id=idea_id)


def _short_title(title):
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def status_text(idea, outcome, params, language):
    """The SMS, short, in `language`, with the idea's short URL."""
    with force_locale(language):
        title, url = _short_title(idea.title), short_url(idea.id)
        if outcome == "published":
            return _("Agora: your idea “%(title)s” is published. %(url)s", title=title, url=url)
        if outcome == "answered":
            label = PUBLIC_STATUS_LABELS.get(params.get("status"), params.get("status", ""))
            return _(
                "Agora: the city answered your idea “%(title)s”: %(status)s. %(url)s",
                title=title,
                status=str(label),
                url=url,
            )
        label = REJECT_REASON_LABELS.get(params.get("reason"), params.get("reason", ""))
        return _(
            "Agora: your idea “%(title)s” was not published. Reason: %(reason)s. %(url)s",
            title=title,
            reason=str(label),
            url=url,
        )


def send_status(payload):
    """The worker's part: the SMS through the configured backend, or the mail through the mailer."""
    assisted = db.session.get(AssistedIdea, payload["idea_id"])
    if assisted is None:
        return
    text = status_text(assisted.idea, payload["outcome"], payload.get("params") or {}, assisted.language)
    if payload["medium"] == "sms" and assisted.phone:
        sms_backend().send(assisted.phone, text)
        audit.log(None, "sms_sent", assisted.idea, outcome=payload["outcome"])
    if payload["medium"] == "mail" and assisted.email:
        send_mail(
            assisted.email,
            "relays/email/status",
            assisted.language,
            name=assisted.resident_name,
            text=text,
        )
        audit.log(None, "mail_sent", assisted.idea, outcome=payload["outcome"])
