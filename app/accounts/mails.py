"""The messages accounts send, each in the recipient's own language, through the job queue."""

import secrets

from flask import current_app
from sqlalchemy import select

from app.accounts.models import User
from app.core.mail import send_mail
from app.core.urls import external_url
from app.extensions import db
from app.jobs.models import Job
from app.jobs.registry import handler
from app.jobs.services import queue


def _hours(setting):
    return int(current_app.config[setting].total_seconds() // 3600)


def _queue_mail(user, template, **context):
    # Queued with the transaction that asks for it: no mail for a change that is rolled back.
    # The key makes a try after a killed worker resend the same message, kept once.
    key = f"account:{secrets.token_hex(12)}"
    queue("account_mail", {"user_id": user.id, "template": template, "context": context, "mail_key": key})


@handler("account_mail")
def deliver_account_mail(payload):
    user = db.session.get(User, payload["user_id"])
    if user is None or not user.email:
        return
    send_mail(
        user.email,
        payload["template"],
        user.language,
        key=payload.get("mail_key"),
        user=user,
        **payload["context"],
    )


def send_verification(user, token):
    _queue_mail(
        user,
        "accounts/email/verify_email",
        url=external_url("accounts.verify", token=token),
        hours=_hours("EMAIL_TOKEN_MAX_AGE"),
    )


def send_already_registered(user):
    _queue_mail(
        user,
        "accounts/email/already_registered",
        login_url=external_url("accounts.login"),
        reset_url=external_url("accounts.reset_request"),
    )


def send_password_reset(user, token):
    _queue_mail(
        user,
        "accounts/email/reset_password",
        url=external_url("accounts.reset_password", token=token),
        hours=_hours("RESET_TOKEN_MAX_AGE"),
    )


def send_password_changed(user):
    _queue_mail(user, "accounts/email/password_changed", reset_url=external_url("accounts.reset_request"))


def forget_mails(user_id):
    """Drop the account mails of a resident, sent or waiting: their links carry tokens, and no
    mail goes out any more (their account is being deleted)."""
    for job in db.session.scalars(select(Job).where(Job.name == "account_mail")):
        if (job.payload or {}).get("user_id") == user_id:
            db.session.delete(job)
