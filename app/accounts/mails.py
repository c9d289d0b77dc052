"""The messages accounts send, each in the recipient's own language."""

from flask import current_app

from app.core.mail import send_mail
from app.core.urls import external_url


def _hours(setting):
    return int(current_app.config[setting].total_seconds() // 3600)


def send_verification(user, token):
    send_mail(
        user.email,
        "accounts/email/verify_email",
        user.language,
        user=user,
        url=external_url("accounts.verify", token=token),
        hours=_hours("EMAIL_TOKEN_MAX_AGE"),
    )


def send_already_registered(user):
    send_mail(
        user.email,
        "accounts/email/already_registered",
        user.language,
        user=user,
        login_url=external_url("accounts.login"),
        reset_url=external_url("accounts.reset_request"),
    )


def send_password_reset(user, token):
    send_mail(
        user.email,
        "accounts/email/reset_password",
        user.language,
        user=user,
        url=external_url("accounts.reset_password", token=token),
        hours=_hours("RESET_TOKEN_MAX_AGE"),
    )


def send_password_changed(user):
    send_mail(
        user.email,
        "accounts/email/password_changed",
        user.language,
        user=user,
        reset_url=external_url("accounts.reset_request"),
    )
