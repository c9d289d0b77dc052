"""Residents with a phone hear of their idea by SMS (outbox backend, HTTP gateway stub); with an
address, by mail; in their language, with the short URL; from moderation's signals."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select

from app.extensions import db
from app.jobs.models import Job
from app.moderation.reporting import set_public_status
from app.moderation.services import approve_idea, reject_idea
from app.relays.models import RelayAuditEntry
from app.relays.sms import sms_outbox
from tests.factories import make_user
from tests.relays.helpers import assisted_idea


def _decide(app, decision):
    decision()
    db.session.commit()


def test_publication_sends_an_sms_in_the_residents_language(app, relay, category, district):
    idea = assisted_idea(relay, category, district, phone="0612345678", language="ar")
    db.session.commit()
    moderator = make_user(role="moderator")
    _decide(app, lambda: approve_idea(idea, moderator, idea.updated_at))
    messages = sms_outbox()
    assert len(messages) == 1
    assert messages[0]["to"] == "+212612345678"
    assert "نُشرت فكرتك" in messages[0]["text"]
    assert f"/i/{idea.id}" in messages[0]["text"]
    assert len(messages[0]["text"]) < 200
    assert "sms_sent" in db.session.scalars(select(RelayAuditEntry.action)).all()
    # The job's payload never held the number, and it is emptied once done.
    assert "+212" not in json.dumps([job.payload for job in db.session.scalars(select(Job))])


def test_rejection_sends_the_reason(app, relay, category, district):
    idea = assisted_idea(relay, category, district, phone="+33 6 12 34 56 78", language="fr")
    db.session.commit()
    moderator = make_user(role="moderator")
    _decide(app, lambda: reject_idea(idea, moderator, idea.updated_at, "not_municipal"))
    (message,) = sms_outbox()
    assert "n'a pas été publiée" in message["text"]
    assert "compétences" in message["text"] or "Motif" in message["text"]


def test_the_citys_answer_is_sent(app, relay, category, district):
    idea = assisted_idea(relay, category, district, phone="0612345678", language="en", premoderation=False)
    db.session.commit()
    assert "is published" in sms_outbox()[0]["text"]
    moderator = make_user(role="moderator")
    _decide(app, lambda: set_public_status(idea, moderator, "planned", "Work starts in spring."))
    texts = [m["text"] for m in sms_outbox()]
    assert any("the city answered" in t and "Planned" in t for t in texts)


def test_ideas_without_relay_or_phone_send_no_sms(app, relay, category, district):
    idea = assisted_idea(relay, category, district)
    db.session.commit()
    _decide(app, lambda: approve_idea(idea, make_user(role="moderator"), idea.updated_at))
    assert sms_outbox() == []


def test_a_resident_with_an_email_is_told_by_mail(app, outbox, relay, category, district):
    idea = assisted_idea(relay, category, district, email="fatima@example.org", language="fr")
    db.session.commit()
    _decide(app, lambda: approve_idea(idea, make_user(role="moderator"), idea.updated_at))
    assert [m.to for m in outbox] == [["fatima@example.org"]]
    assert "est publiée" in outbox[0].body


class _Gateway(BaseHTTPRequestHandler):
    received = []
    answer = 200

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(app):
    _Gateway.received, _Gateway.answer = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config.update(
        SMS_BACKEND="http",
        SMS_GATEWAY_URL=f"http://127.0.0.1:{server.server_port}/send",
        SMS_GATEWAY_TOKEN="secret-token",
        SMS_SENDER="Agora",
    )
    yield _Gateway
    server.shutdown()


def test_the_http_gateway_receives_the_message(app, gateway, relay, category, district):
    idea = assisted_idea(relay, category, district, phone="0612345678", language="fr")
    db.session.commit()
    _decide(app, lambda: approve_idea(idea, make_user(role="moderator"), idea.updated_at))
    ((authorization, body),) = gateway.received
    assert authorization == "Bearer secret-token"
    assert body["to"] == "+212612345678" and body["sender"] == "Agora"
    assert "est publiée" in body["text"]


def test_a_failing_gateway_leaves_the_job_to_try_again(app, gateway, relay, category, district):
    gateway.answer = 503
    idea = assisted_idea(relay, category, district, phone="0612345678")
    db.session.commit()
    _decide(app, lambda: approve_idea(idea, make_user(role="moderator"), idea.updated_at))
    job = db.session.scalar(select(Job).where(Job.name == "relay_status"))
    assert job.status == "pending" and "503" in job.last_error


def test_phone_and_address_each_get_their_message_once(app, outbox, relay, category, district):
    idea = assisted_idea(relay, category, district, phone="0612345678", email="f@example.org", language="en")
    db.session.commit()
    _decide(app, lambda: approve_idea(idea, make_user(role="moderator"), idea.updated_at))
    assert len(sms_outbox()) == 1 and len(outbox) == 1
    jobs = db.session.scalars(select(Job).where(Job.name == "relay_status")).all()
    keys = [f"relay_status:{idea.id}:published:{m}" for m in ("mail", "sms")]
    assert sorted(job.key for job in jobs) == keys
