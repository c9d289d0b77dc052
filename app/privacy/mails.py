"""The deletion confirmation mail, queued like the other account mails (app/accounts/mails.py)."""

from flask import current_app

from app.core.urls import external_url
from app.jobs.services import queue


def send_deletion_link(user, token):
    hours = int(current_app.config["DELETE_TOKEN_MAX_AGE"].total_seconds() // 3600)
    context = {"url": external_url("privacy.delete_by_link", token=token), "hours": hours}
    queue(
        "account_mail", {"user_id": user.id, "template": "privacy/email/delete_account", "context": context}
    )
