"""Sending mail in the recipient's language, through SMTP or the development outbox."""

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


def send_mail(to, template, locale, **context):
    """Render `<template>.txt` (first line = subject) in `locale` and send it to `to`."""
    with force_locale(locale):
        text = render_template(f"{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    message = EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        from_email=current_app.config["MAIL_DEFAULT_SENDER"],
        to=[to],
    )
    message.send()
