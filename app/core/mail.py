"""Sending mail in the recipient's language, through SMTP or the development outbox."""

import hashlib
from email.utils import parseaddr

from flask import current_app, render_template
from flask_babel import force_locale
from flask_mailman import EmailMessage


def configure_mail(app):
    if app.config.get("MAIL_BACKEND"):
        return
    if app.testing:
        app.config["MAIL_BACKEND"] = "locmem"
    elif app.config.get("MAIL_SERVER"):
        app.config["MAIL_BACKEND"] = "smtp"
    else:
        app.config["MAIL_BACKEND"] = "app.core.outbox.EmailBackend"


def message_id(key):
    """The Message-ID of the mail with idempotency key `key`: the same on every try, so that
    the outbox keeps one copy and a mail client or archive can tell a resent copy."""
    sender = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]
    domain = sender.rpartition("@")[2] or "agora.local"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def send_mail(to, template, locale, key=None, headers=None, **context):
    """Render `<template>.txt` (first line = subject) in `locale` and send it to `to`. A job
    that may run again passes its mail's idempotency `key` (e.g. `notification:12`); `headers`
    adds others (List-Unsubscribe)."""
    with force_locale(locale):
        text = render_template(f"{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    message = EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
        headers={**({"Message-ID": message_id(key)} if key else {}), **(headers or {})} or None,
    )
    message.send()
